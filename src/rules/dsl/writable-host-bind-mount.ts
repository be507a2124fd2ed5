import type { Rule } from "../rule.js";
import { truthiness } from "../../model/values.js";
import { at, known, kwargs, opsOf, option } from "./util.js";

/** A bind mount of a host path without readonly: lets the container change host files (§4.2). */
export const rule: Rule = {
  meta: {
    id: "writable-host-bind-mount",
    class: "hardening",
    suexec: [],
    harm: ["outside", "escape"],
    severity: "warning",
    fixable: true,
    docs: {
      summary: "Bind mounts of host paths should be read-only.",
      details: "`add_mount_point` without `fs:` bind-mounts a host directory into the container. Unless `readonly: true` is given, root in the container can change the host's files there (plant binaries, edit configuration) — a path out of the container.",
      fix: "Add `readonly: true` (the quick fix appends it), or mount a private filesystem (`fs: \"tmpfs\"`) instead.",
      examples: {
        invalid: ['Haconiwa.define do |c|\n  c.add_mount_point "/srv/data", to: "/var/lib/haconiwa/web/data"\nend\n'],
        valid: ['Haconiwa.define do |c|\n  c.add_mount_point "/srv/data", to: "/var/lib/haconiwa/web/data", readonly: true\n  c.add_mount_point "tmpfs", to: "/var/lib/haconiwa/web/tmp", fs: "tmpfs"\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const op of opsOf(model, "", "add_mount_point")) {
      const h = kwargs(op);
      if (!h || op.args.length < 2) continue;
      const fs = option(h, "fs");
      if (fs && fs.kind !== "nil") continue;
      const ro = option(h, "readonly");
      if (ro && truthiness(ro) !== false) continue;
      const src = known(op.args[0]).find((v) => (v.kind === "str" || v.kind === "path") && v.value.startsWith("/"));
      if (!src || (src.kind !== "str" && src.kind !== "path")) continue;
      const last = op.argNodes[op.argNodes.length - 1];
      const canFix = !ro && last?.type === "Hash" && !last.braces;
      report({
        range: at(op, src),
        message: `host path ${src.value} is bind-mounted writable: root in the container can change it on the host; add readonly: true`,
        ...(canFix ? { fix: { title: "Mount it read-only", edits: [{ range: { start: last.range.end, end: last.range.end }, newText: ", readonly: true" }] } } : {}),
      });
    }
  },
};
