/* haco-launch: a small launcher shaped like haconiwa's tools/haconiwa/haconiwa.c main(), used
 * to prove the generated gem in a real mruby build.
 *
 *   haco-launch run FILE [-- CMD ARGS...]   check, evaluate FILE, then HacolintValidate.exec
 *   haco-launch check FILE                   same, but HacolintValidate.check and print "ok"
 *   haco-launch -V                           print the baked policy (like suexec -V)
 *
 * FILE is Ruby evaluating to a Hash of the container's settings (what haconiwa's DSL would
 * produce): { rootfs:, init: [...], uid:, gid:, groups:, environ: {...}, uid_map:, gid_map: }.
 * Order matters and mirrors the design: ids captured first, the C entry point gets argv
 * BEFORE anything reads the Hacofile, and the bytes it returns are what gets evaluated. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mruby.h>
#include <mruby/array.h>
#include <mruby/compile.h>
#include <mruby/hash.h>
#include <mruby/string.h>
#include <mruby/variable.h>
#include "hacolint_validate.h"

int main(int argc, char **argv) {
  hacolint_capture_ids();
  if (argc == 2 && strcmp(argv[1], "-V") == 0) {
    hacolint_print_policy(stdout);
    return 0;
  }
  /* "check" reads its Hacofile like "run" does (the C side only knows haconiwa's subcommands) */
  int check_only = argc >= 2 && strcmp(argv[1], "check") == 0;
  static char run[] = "run";
  if (check_only) argv[1] = run;

  hacolint_hacofile hf;
  int rc = hacolint_validate_launch(argc, argv, &hf);
  if (rc != 0) return rc;
  if (!hf.bytes) { fprintf(stderr, "haco-launch: usage: haco-launch run|check FILE [-- CMD...]\n"); return 2; }

  mrb_state *mrb = mrb_open();
  if (!mrb) { hacolint_hacofile_free(&hf); return 200; }
  mrbc_context *cxt = mrbc_context_new(mrb);
  mrbc_filename(mrb, cxt, hf.path);
  mrb_value settings = mrb_load_nstring_cxt(mrb, hf.bytes, hf.len, cxt);
  hacolint_hacofile_free(&hf);
  if (mrb->exc) { mrb_print_error(mrb); mrb_close(mrb); return 200; }
  if (!mrb_hash_p(settings)) { fprintf(stderr, "haco-launch: the Hacofile must evaluate to a Hash\n"); mrb_close(mrb); return 200; }

  /* like haconiwa: arguments after "--" replace the init command */
  if (hf.dashdash >= 0 && hf.dashdash + 1 < argc) {
    mrb_value init = mrb_ary_new(mrb);
    for (int i = hf.dashdash + 1; i < argc; i++) mrb_ary_push(mrb, init, mrb_str_new_cstr(mrb, argv[i]));
    mrb_hash_set(mrb, settings, mrb_symbol_value(mrb_intern_lit(mrb, "init")), init);
  }
  mrb_value mod = mrb_obj_value(mrb_module_get(mrb, "HacolintValidate"));
  if (check_only) {
    mrb_funcall(mrb, mod, "check", 1, settings);
    if (mrb->exc) {
      mrb_value code = mrb_iv_get(mrb, mrb_obj_value(mrb->exc), mrb_intern_lit(mrb, "@exit_code"));
      int status = mrb_fixnum_p(code) ? (int)mrb_fixnum(code) : 200;
      mrb_close(mrb);
      return status;
    }
    puts("ok");
    mrb_close(mrb);
    return 0;
  }
  mrb_funcall(mrb, mod, "exec", 1, settings); /* does not return */
  if (mrb->exc) mrb_print_error(mrb);
  mrb_close(mrb);
  return 200;
}
