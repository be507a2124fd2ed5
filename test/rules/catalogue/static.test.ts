// Firing and non-firing cases, with exact ranges, for the catalogue rules decided from the text.
import { DEFAULT_POLICY } from "../../../src/policy/policy.js";
import { ruleTester } from "../tester.js";
import { rule as initNotRoot } from "../../../src/rules/catalogue/init-not-root.js";
import { rule as initIdMinimum } from "../../../src/rules/catalogue/init-id-minimum.js";
import { rule as rootfsInPool } from "../../../src/rules/catalogue/rootfs-in-pool.js";
import { rule as rootfsPermissions } from "../../../src/rules/catalogue/rootfs-permissions.js";
import { rule as envAllowed } from "../../../src/rules/catalogue/env-allowed.js";
import { rule as rootfsUsable } from "../../../src/rules/catalogue/rootfs-usable.js";
import { rule as initExists } from "../../../src/rules/catalogue/init-exists.js";
import { rule as identitySwitchable } from "../../../src/rules/catalogue/identity-switchable.js";
import { rule as launchInput } from "../../../src/rules/input/launch-input.js";
import { rule as syntaxError } from "../../../src/rules/syntax/syntax-error.js";
import { rule as unsupportedSyntax } from "../../../src/rules/syntax/unsupported-syntax.js";

const wrap = (body: string) => `Haconiwa.define do |c|\n${body}end\n`;
const ids = '  c.uid = 1000\n  c.gid = 1000\n';

ruleTester(initNotRoot).run({
  valid: [wrap(ids), wrap('  c.uid = "1500"\n  c.gid = 1500\n')],
  invalid: [
    { code: wrap('  c.uid = 0\n  c.gid = 1000\n'), errors: [{ message: /uid 0 \(root\)/, line: 2, column: 11, endLine: 2, endColumn: 12 }] },
    { code: wrap('  c.uid = 1000\n'), errors: [{ message: /sets no gid/, line: 1, column: 10, endLine: 1, endColumn: 16 }] },
    { code: wrap('  c.uid = "root"\n  c.gid = 0\n'), errors: [{ line: 2, column: 11, endLine: 2, endColumn: 17 }, { message: /gid 0/, line: 3, column: 11, endLine: 3, endColumn: 12 }] },
    { name: "uid 0 on one branch only", code: wrap('  c.gid = 1000\n  c.uid = 1000\n  c.uid = 0 if ENV["DEBUG"]\n'), errors: [{ line: 4, column: 11, endLine: 4, endColumn: 12 }] },
  ],
});

ruleTester(initNotRoot, { policy: { ...DEFAULT_POLICY, allowMappedRoot: true } }).run({
  valid: [wrap('  c.namespace.set_uid_mapping min: 0, max: 65536, offset: 100000\n  c.uid = 0\n  c.gid = 1000\n')],
  invalid: [{ code: wrap('  c.namespace.set_uid_mapping min: 1, max: 65536, offset: 100000\n  c.uid = 0\n  c.gid = 1000\n'), errors: [{ line: 3, column: 11, endLine: 3, endColumn: 12 }] }],
});

ruleTester(initIdMinimum).run({
  valid: [wrap(ids), wrap('  c.uid = 0\n')],
  invalid: [{ code: wrap('  c.uid = 33\n  c.gid = 999\n'), errors: [{ message: /uid 33, below the policy minimum 1000/, line: 2, column: 11, endLine: 2, endColumn: 13 }, { message: /gid 999/, line: 3, column: 11, endLine: 3, endColumn: 14 }] }],
});

ruleTester(rootfsInPool).run({
  valid: [wrap('  c.chroot_to "/var/lib/haconiwa/web"\n'), wrap('  c.chroot_to Pathname.new("/var/lib/haconiwa").join("a", "b")\n')],
  invalid: [
    { code: wrap('  c.chroot_to "/var/lib/haconiwa-old/web"\n'), errors: [{ message: /not inside the rootfs pool/, line: 2, column: 15, endLine: 2, endColumn: 42 }] },
    { code: wrap('  c.chroot_to "/var/lib/haconiwa/../../etc"\n'), errors: [{ message: /contains "\.\."/, line: 2, column: 15, endLine: 2, endColumn: 44 }] },
    { code: wrap('  c.chroot_to "rootfs"\n'), errors: [{ message: /relative rootfs/, line: 2, column: 15, endLine: 2, endColumn: 23 }] },
    { name: "the pool itself is not a rootfs", code: wrap('  c.chroot_to "/var/lib/haconiwa/"\n'), errors: [{ line: 2, column: 15, endLine: 2, endColumn: 35 }] },
    { name: "reported where the value is used, origin related", code: 'root = "/srv/root"\n' + wrap('  c.chroot_to root\n'), errors: [{ line: 3, column: 15, endLine: 3, endColumn: 19 }] },
  ],
});

ruleTester(rootfsPermissions).run({
  valid: [wrap('  c.init_command = ["/usr/bin/app", "-v"]\n'), wrap('  c.init_command = "/usr/bin/app"\n')],
  invalid: [
    { code: wrap('  c.init_command = ["bin/app"]\n'), errors: [{ message: /relative path/, line: 2, column: 21, endLine: 2, endColumn: 30 }] },
    { code: wrap('  c.init_command = "/srv/../bin/sh"\n'), errors: [{ message: /contains "\.\."/, line: 2, column: 20, endLine: 2, endColumn: 36 }] },
  ],
});

ruleTester(envAllowed).run({
  valid: [wrap('  c.environ = { "PATH" => "/bin", "TZ" => "UTC" }\n'), wrap("  c.environ = {}\n")],
  invalid: [
    { code: wrap('  c.environ = { "PATH" => "/bin", "LD_PRELOAD" => "/x.so" }\n'), errors: [{ message: /LD_PRELOAD is not in the allowed list/, line: 2, column: 35, endLine: 2, endColumn: 47 }] },
    { code: wrap("  c.environ = ENV.to_hash\n"), errors: [{ message: /host environment/, line: 2, column: 15, endLine: 2, endColumn: 26 }] },
  ],
});

ruleTester(rootfsUsable).run({
  valid: [wrap('  c.chroot_to "/var/lib/haconiwa/a"\n')],
  invalid: [{ code: wrap('  c.name = "a"\n'), errors: [{ message: /has no rootfs/, line: 1, column: 10, endLine: 1, endColumn: 16 }] }],
});

ruleTester(initExists).run({
  valid: [wrap('  c.init_command = ["/bin/sh", "-c", "run"]\n'), wrap('  c.init_command = "/usr/bin/app"\n')],
  invalid: [
    {
      code: wrap('  c.init_command = "/usr/bin/app --port 80"\n'),
      errors: [{ message: /does not split it on spaces/, line: 2, column: 20, endLine: 2, endColumn: 44 }],
      output: wrap('  c.init_command = ["/usr/bin/app", "--port", "80"]\n'),
    },
    { code: wrap("  c.init_command = []\n"), errors: [{ message: /empty init command/, line: 2, column: 20, endLine: 2, endColumn: 22 }], output: null },
  ],
});

ruleTester(identitySwitchable).run({
  valid: [wrap('  c.namespace.set_uid_mapping min: 0, max: 65536, offset: 100000\n  c.uid = 1000\n'), wrap("  c.uid = 1000\n")],
  invalid: [{ code: wrap('  c.namespace.set_uid_mapping min: 0, max: 1000, offset: 100000\n  c.uid = 1000\n'), errors: [{ message: /does not cover/, line: 3, column: 11, endLine: 3, endColumn: 15 }] }],
});

ruleTester(launchInput).run({
  valid: ['app = "shop"\n' + wrap('  c.chroot_to "/var/lib/haconiwa/#{app}"\n'), wrap('  c.name = ENV["NAME"]\n')],
  invalid: [
    { code: wrap('  c.chroot_to "/var/lib/haconiwa/#{ENV["APP"]}"\n'), errors: [{ message: /rootfs .* steered by the environment: from ENV\['APP'\]/, line: 2, column: 15, endLine: 2, endColumn: 48 }] },
    { code: wrap('  c.uid = (ENV["U"] || 1000).to_i\n'), errors: [{ message: /default 1000/, line: 2, column: 11, endLine: 2, endColumn: 34 }] },
    { code: wrap('  c.init_command = ["/bin/app", ARGV[0]]\n'), errors: [{ message: /command-line arguments/, line: 2, column: 33, endLine: 2, endColumn: 40 }] },
  ],
});

ruleTester(syntaxError).run({
  valid: [wrap(ids)],
  invalid: [{ code: 'Haconiwa.define do |c|\n  c.uid = \nend\n', errors: [{ line: 3, column: 1, endLine: 3, endColumn: 4 }] }],
});

ruleTester(unsupportedSyntax).run({
  valid: [wrap(ids)],
  invalid: [{ code: 'x = case 1\n    when 1 then 2\n    end\n' + wrap(ids), errors: [{ message: /`case` expression/, line: 1, column: 5, endLine: 3, endColumn: 8 }] }],
});
