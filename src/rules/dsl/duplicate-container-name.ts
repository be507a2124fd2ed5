import type { Range } from "../../ast/nodes.js";
import type { ContainerModel, DslOp } from "../../model/model.js";
import type { Rule } from "../rule.js";
import { at, ownOps } from "./util.js";

interface Named { text: string | undefined; range: Range; inherited: boolean }

/** The last name= op among `ops` as a known String ("<default>" when never set, undefined when unknown). */
function nameFrom(ops: DslOp[]): { text: string | undefined; op?: DslOp } {
  const op = [...ops].reverse().find((o) => o.target === "" && o.method === "name=");
  if (!op) return { text: "<default>" };
  const v = op.args[0];
  return { text: v && v.kind === "str" ? v.value : undefined, op };
}

/**
 * Barn#define raises `Duplicated container name` when a child's name equals a sibling's or, for
 * the first child, the barn's own name; the default name is inherited, so an unnamed first child
 * always collides (§2.2).
 */
export const rule: Rule = {
  meta: {
    id: "duplicate-container-name",
    class: "dsl",
    suexec: [],
    harm: [],
    severity: "error",
    fixable: false,
    docs: {
      summary: "Every container in a barn needs its own name, different from the barn's.",
      details: "`barn.define` compares the new child's name with the children defined so far, and the first child with the barn itself. Children inherit the barn's name, so a child that sets no name (or repeats a sibling's name) raises `Duplicated container name` while the file is evaluated.",
      fix: "Give each child a distinct `name=`, e.g. `box.name = \"worker-#{i}\"`, different from the barn's name.",
      examples: {
        invalid: ['Haconiwa.define do |barn|\n  barn.name = "pool"\n  barn.define do |box|\n    box.name = "pool"\n  end\nend\n'],
        valid: ['Haconiwa.define do |barn|\n  barn.name = "pool"\n  2.times do |i|\n    barn.define do |box|\n      box.name = "worker-#{i}"\n    end\n  end\nend\n'],
      },
    },
  },
  check({ model, report }) {
    for (const barn of model.containers.filter((c) => c.kind === "barn")) {
      const seen: Named[] = [];
      barn.children.forEach((child: ContainerModel, i) => {
        const own = nameFrom(ownOps(child));
        const inherited = own.op === undefined;
        const name = inherited ? nameFrom(child.ops) : own;
        const here: Named = { text: name.text, range: inherited || !own.op ? child.defineNameRange : at(own.op, own.op.args[0]), inherited };
        if (here.text !== undefined) {
          if (i === 0) {
            // compared with a copy of the barn as it was when this child was defined
            const barnName = nameFrom(child.ops.filter((o) => !ownOps(child).includes(o)));
            if (barnName.text === here.text) {
              report({
                range: here.range,
                message: inherited
                  ? "the first child sets no name, so it inherits the barn's and Haconiwa raises Duplicated container name: set box.name"
                  : `child name "${here.text}" equals the barn's name (Duplicated container name at evaluation): choose another name`,
              });
            }
          } else {
            const clash = seen.find((s) => s.text === here.text);
            if (clash) {
              report({
                range: here.range,
                message: here.inherited
                  ? "this child sets no name and inherits one a sibling already uses (Duplicated container name at evaluation): set a distinct name"
                  : `container name "${here.text}" is already used by a sibling (Duplicated container name at evaluation): choose a distinct name`,
                related: [{ message: "first used here", range: clash.range }],
              });
            }
          }
        }
        seen.push(here);
      });
    }
  },
};
