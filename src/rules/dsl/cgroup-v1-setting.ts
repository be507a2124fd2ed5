import type { Value } from "../../model/model.js";
import type { Rule } from "../rule.js";
import { at, known, nameOf, opsOf } from "./util.js";

type Kind = "numeric" | "integer" | "string" | "boolean";
/** mruby-cgroup's setters and the value types they accept (§4.5). */
const ATTRIBUTES: Record<string, Record<string, Kind>> = {
  cpu: { cfs_quota_us: "numeric", cfs_period_us: "numeric", rt_period_us: "numeric", rt_runtime_us: "numeric", shares: "numeric" },
  cpuacct: { usage: "numeric" },
  cpuset: { cpus: "string", mems: "string" },
  memory: { limit_in_bytes: "numeric", "memsw.limit_in_bytes": "integer", oom_control: "boolean", "cgroup.event_control": "string" },
  blkio: { "throttle.read_bps_device": "string", "throttle.write_bps_device": "string", "throttle.read_iops_device": "string", "throttle.write_iops_device": "string" },
  pids: { max: "numeric" },
};
const SUGGEST: Record<string, string> = { pid: "pids", mem: "memory", cpus: "cpuset", io: "blkio" };

function fits(v: Value, kind: Kind): boolean {
  switch (kind) {
    case "numeric": return v.kind === "int" || v.kind === "float";
    case "integer": return v.kind === "int";
    case "string": return v.kind === "str";
    case "boolean": return v.kind === "bool";
  }
}
const KIND_TEXT: Record<Kind, string> = { numeric: "a number", integer: "an Integer", string: "a String", boolean: "true or false" };

/** cgroup v1 keys are turned into mruby-cgroup setter calls inside the container (§4.5). */
export const rule: Rule = {
  meta: {
    id: "cgroup-v1-setting",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "cgroup v1 settings must name a supported controller and attribute, with a value of the right type.",
      details: "Only `cpu`, `cpuset`, `cpuacct`, `blkio`, `memory` and `pids` are supported, each with a fixed list of attributes. Numeric attributes reject Strings (`\"256M\"`, `\"max\"`), `cpuset.cpus`/`cpuset.mems` need a String. All of this fails only when the container starts, after namespaces and mounts exist.",
      fix: "Use a supported key such as `pids.max`, `memory.limit_in_bytes` or `cpuset.cpus`, with bytes as an Integer and CPU lists as a String; use `cgroup(:v2)` for other controllers.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.cgroup["pid.max"] = 64\n  c.cgroup["memory.limit_in_bytes"] = "256M"\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.cgroup["pids.max"] = 64\n  c.cgroup["memory.limit_in_bytes"] = 256 * 1024 * 1024\n  c.cgroup["cpuset.cpus"] = "0-1"\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "cgroup", "[]=")) {
      for (const k of known(op.args[0])) {
        const key = nameOf(k);
        if (key === undefined || !key.includes(".")) continue;
        const dot = key.indexOf(".");
        const controller = key.slice(0, dot);
        const attr = key.slice(dot + 1);
        const attrs = ATTRIBUTES[controller];
        if (!attrs) {
          const hint = SUGGEST[controller] ? `; did you mean "${SUGGEST[controller]}.${attr}"?` : "";
          report({ range: at(op, k), message: `cgroup v1 controller "${controller}" is not supported (the container fails at start): use cpu, cpuset, cpuacct, blkio, memory or pids${hint}` });
          continue;
        }
        const kind = attrs[attr];
        if (!kind) {
          report({ range: at(op, k), message: `"${key}" is not an attribute of the ${controller} controller (NoMethodError at start): use ${Object.keys(attrs).map((a) => `${controller}.${a}`).join(", ")}` });
          continue;
        }
        for (const v of known(op.args[1])) {
          if (fits(v, kind)) continue;
          report({ range: at(op, v), message: `"${key}" needs ${KIND_TEXT[kind]}, not ${v.kind === "str" ? `the String "${v.value}"` : v.kind} (TypeError at start)` });
        }
      }
    }
  },
};
