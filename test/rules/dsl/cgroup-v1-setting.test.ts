import { rule } from "../../../src/rules/dsl/cgroup-v1-setting.js";
import { ruleTester } from "../tester.js";

ruleTester(rule).run({
  valid: [
    'Haconiwa.define do |c|\n  c.cgroup["cpu.cfs_quota_us"] = 30000\n  c.cgroup["memory.memsw.limit_in_bytes"] = 512 * 1024 * 1024\n  c.cgroup["blkio.throttle.read_bps_device"] = "8:0 1048576"\n  c.cgroup["memory.oom_control"] = false\n  c.cgroup(:v2) do |cg|\n    cg["pid.max"] = "max"\n  end\nend\n',
  ],
  invalid: [
    { code: 'Haconiwa.define do |c|\n  c.cgroup["pid.max"] = 64\nend\n', errors: [{ message: /did you mean "pids\.max"/, line: 2, column: 12, endLine: 2, endColumn: 21 }] },
    { code: 'Haconiwa.define do |c|\n  c.cgroup["memory.max"] = 64\nend\n', errors: [{ message: /not an attribute of the memory controller/, line: 2, column: 12, endLine: 2, endColumn: 24 }] },
    {
      code: 'Haconiwa.define do |c|\n  c.cgroup do |cg|\n    cg["pids.max"] = "max"\n    cg["cpuset.cpus"] = 0\n  end\nend\n',
      errors: [
        { message: /needs a number, not the String "max"/, line: 3, column: 22, endLine: 3, endColumn: 27 },
        { message: /"cpuset\.cpus" needs a String, not int/, line: 4, column: 25, endLine: 4, endColumn: 26 },
      ],
    },
  ],
});
