import type { Range } from "../../ast/nodes.js";
import type { Setting, Value } from "../../model/model.js";
import { steeringSource } from "../../model/values.js";
import type { Rule } from "../rule.js";
import { containerLabel, runnable } from "../helpers.js";

const SOURCE_NAMES = { env: "the environment", argv: "command-line arguments", command: "a command's output", file: "a host file", time: "the clock", random: "a random value" } as const;

/**
 * Security-relevant settings must not be steered by launch-time input: the model exists to stop
 * starts that someone outside steers (a daemon passing ENV through, a crafted argument).
 */
export const rule: Rule = {
  meta: {
    id: "launch-input",
    class: "input",
    suexec: [],
    harm: ["launch"],
    severity: "error",
    fixable: false,
    docs: {
      summary: "Init command, ids, rootfs, mounts and environment must not come from launch-time input.",
      details:
        "A value read from `ENV`, `ARGV`, a backtick command or a host file while the Hacofile is evaluated is chosen by whoever starts the runtime. " +
        "When it decides what init runs, as whom, in which root, with which mounts or environment, the operator no longer decides what the container is. " +
        "`ENV[\"X\"] || \"default\"` is still steered: the default only applies when X is unset.",
      fix: "Write the value literally in the Hacofile, or generate one Hacofile per container with a trusted tool.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.chroot_to "/var/lib/haconiwa/#{ENV["APP"]}"\nend\n', 'Haconiwa.define do |c|\n  c.uid = (ENV["APP_UID"] || 1000).to_i\nend\n'],
        valid: ['app = "shop"\nHaconiwa.define do |c|\n  c.chroot_to "/var/lib/haconiwa/#{app}"\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const c of runnable(model)) {
      const settings: [string, Setting | undefined][] = [
        ["init command", c.initCommand], ["uid", c.uid], ["gid", c.gid], ["groups", c.groups], ["rootfs", c.rootfs], ["environment", c.environ],
        ...c.mounts.map((m, i) => [`mount #${i + 1}`, { value: { kind: "array", items: [m.source, m.options], range: m.range }, range: m.range }] as [string, Setting]),
      ];
      for (const [what, setting] of settings) {
        if (!setting) continue;
        const steered = steeringSource(setting.value);
        if (!steered || steered.kind !== "unknown" || !steered.source) continue;
        report({
          range: pick(setting, steered),
          message: `${what} of ${containerLabel(c)} is steered by ${SOURCE_NAMES[steered.source]}: ${steered.reason}`,
          related: (steered.via ?? []).map((range) => ({ message: "the value flows through here", range })),
        });
      }
    }
  },
};

function pick(setting: Setting, v: Value): Range {
  const inside = v.range.start.offset >= setting.range.start.offset && v.range.end.offset <= setting.range.end.offset;
  return inside ? v.range : setting.range;
}
