/* Ruby API: HacolintValidate.check(settings), .exec(settings), .policy, .print_policy.
 * Written against the C API common to mruby 2.0.1 (Haconiwa's pin) and 3.x: messages are
 * built with snprintf and raised with mrb_raise/mrb_exc_new_str (mruby 2.0.1's mrb_raisef
 * only knows %S). Every fd and buffer is released BEFORE raising (raise longjmps). */
#include "hv_internal.h"
#include "hacolint_validate.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <mruby.h>
#include <mruby/array.h>
#include <mruby/hash.h>
#include <mruby/string.h>
#include <mruby/variable.h>
#include <mruby/error.h>
#include <mruby/version.h>

#if MRUBY_RELEASE_MAJOR >= 3
#define HV_INT(v) mrb_integer(v)
#else
#define HV_INT(v) mrb_fixnum(v)
#endif

typedef struct { char msg[512]; } conv_error;

static mrb_value setting(mrb_state *mrb, mrb_value h, const char *key) {
  mrb_value v = mrb_hash_get(mrb, h, mrb_symbol_value(mrb_intern_cstr(mrb, key)));
  if (mrb_nil_p(v)) v = mrb_hash_get(mrb, h, mrb_str_new_cstr(mrb, key));
  return v;
}

/* A Ruby String as a C string; NUL bytes are refused (they would cut the value short). */
static const char *cstr(mrb_state *mrb, mrb_value v, const char *what, conv_error *err) {
  if (!mrb_string_p(v)) { snprintf(err->msg, sizeof err->msg, "%s must be a String", what); return NULL; }
  if (memchr(RSTRING_PTR(v), '\0', (size_t)RSTRING_LEN(v))) { snprintf(err->msg, sizeof err->msg, "%s contains a NUL byte", what); return NULL; }
  return mrb_string_value_cstr(mrb, &v);
}

static int id_value(mrb_value v, long *out, const char *what, conv_error *err) {
  if (mrb_type(v) != MRB_TT_FIXNUM) { snprintf(err->msg, sizeof err->msg, "%s must be an Integer", what); return -1; }
  mrb_int i = HV_INT(v);
  if (i < 0 || (unsigned long long)i > 4294967294ULL) { snprintf(err->msg, sizeof err->msg, "%s %lld is out of range", what, (long long)i); return -1; }
  *out = (long)i;
  return 0;
}

static int read_maps(mrb_state *mrb, mrb_value v, hv_map *m, int *n, const char *what, conv_error *err) {
  (void)mrb; /* mrb_ary_ref ignores it in mruby 3.x */
  *n = 0;
  if (mrb_nil_p(v)) return 0;
  if (!mrb_array_p(v) || RARRAY_LEN(v) > HV_MAX_MAPS) { snprintf(err->msg, sizeof err->msg, "%s must be an Array of [inside, outside, count]", what); return -1; }
  for (mrb_int i = 0; i < RARRAY_LEN(v); i++) {
    mrb_value e = mrb_ary_ref(mrb, v, i);
    long a, b, c;
    if (!mrb_array_p(e) || RARRAY_LEN(e) != 3 || id_value(mrb_ary_ref(mrb, e, 0), &a, what, err) || id_value(mrb_ary_ref(mrb, e, 1), &b, what, err)
        || id_value(mrb_ary_ref(mrb, e, 2), &c, what, err)) {
      if (!err->msg[0]) snprintf(err->msg, sizeof err->msg, "%s entries must be [inside, outside, count]", what);
      return -1;
    }
    m[*n].inside = (unsigned long)a; m[*n].outside = (unsigned long)b; m[*n].count = (unsigned long)c;
    (*n)++;
  }
  return 0;
}

/* settings Hash -> hv_container. Strings point into Ruby objects kept alive by `settings` or,
 * for objects made here, by the GC arena until the calling C function returns. */
static int to_container(mrb_state *mrb, mrb_value s, hv_container *c, conv_error *err) {
  memset(c, 0, sizeof *c);
  err->msg[0] = '\0';
  c->uid = c->gid = -1;
  if (!mrb_hash_p(s)) { snprintf(err->msg, sizeof err->msg, "settings must be a Hash"); return -1; }
  if (!(c->rootfs = cstr(mrb, setting(mrb, s, "rootfs"), "rootfs", err))) return -1;
  mrb_value init = setting(mrb, s, "init");
  if (mrb_string_p(init)) init = mrb_ary_new_from_values(mrb, 1, &init);
  if (!mrb_array_p(init) || RARRAY_LEN(init) < 1 || RARRAY_LEN(init) > HV_MAX_ARGS) { snprintf(err->msg, sizeof err->msg, "init must be a non-empty Array of Strings"); return -1; }
  c->argc = (int)RARRAY_LEN(init);
  for (int i = 0; i < c->argc; i++) if (!(c->argv[i] = cstr(mrb, mrb_ary_ref(mrb, init, i), "init argument", err))) return -1;
  mrb_value u = setting(mrb, s, "uid"), g = setting(mrb, s, "gid");
  if (mrb_string_p(u)) { if (!(c->user = cstr(mrb, u, "uid", err))) return -1; }
  else if (!mrb_nil_p(u) && id_value(u, &c->uid, "uid", err)) return -1;
  if (mrb_string_p(g)) { if (!(c->group = cstr(mrb, g, "gid", err))) return -1; }
  else if (!mrb_nil_p(g) && id_value(g, &c->gid, "gid", err)) return -1;
  mrb_value groups = setting(mrb, s, "groups");
  if (!mrb_nil_p(groups)) {
    if (!mrb_array_p(groups) || RARRAY_LEN(groups) > HV_MAX_GROUPS) { snprintf(err->msg, sizeof err->msg, "groups must be an Array of at most %d Integers", HV_MAX_GROUPS); return -1; }
    c->ngroups = (int)RARRAY_LEN(groups);
    for (int i = 0; i < c->ngroups; i++) if (id_value(mrb_ary_ref(mrb, groups, i), &c->groups[i], "groups entry", err)) return -1;
  }
  mrb_value env = setting(mrb, s, "environ");
  if (!mrb_nil_p(env)) {
    if (!mrb_hash_p(env)) { snprintf(err->msg, sizeof err->msg, "environ must be a Hash"); return -1; }
    mrb_value keys = mrb_hash_keys(mrb, env);
    if (RARRAY_LEN(keys) > HV_MAX_ENV) { snprintf(err->msg, sizeof err->msg, "too many environment variables"); return -1; }
    c->nenv = (int)RARRAY_LEN(keys);
    for (int i = 0; i < c->nenv; i++) {
      mrb_value k = mrb_ary_ref(mrb, keys, i);
      mrb_value val = mrb_hash_get(mrb, env, k);
      if (!(c->env_keys[i] = cstr(mrb, k, "environ key", err)) || !(c->env_vals[i] = cstr(mrb, val, "environ value", err))) return -1;
    }
  }
  if (read_maps(mrb, setting(mrb, s, "uid_map"), c->uid_map, &c->nuid_map, "uid_map", err)) return -1;
  if (read_maps(mrb, setting(mrb, s, "gid_map"), c->gid_map, &c->ngid_map, "gid_map", err)) return -1;
  return 0;
}

/* Raises HacolintValidate::Refused with @exit_code and @validation set. */
static void raise_refused(mrb_state *mrb, const hv_result *res) {
  struct RClass *mod = mrb_module_get(mrb, "HacolintValidate");
  struct RClass *cls = mrb_class_get_under(mrb, mod, "Refused");
  const char *id = res->vid >= 0 ? HV_CATALOGUE[res->vid].id : "internal";
  char msg[1200];
  snprintf(msg, sizeof msg, "%s: %s", id, res->msg);
  mrb_value exc = mrb_exc_new_str(mrb, cls, mrb_str_new_cstr(mrb, msg));
  mrb_iv_set(mrb, exc, mrb_intern_cstr(mrb, "@exit_code"), mrb_fixnum_value(res->code));
  mrb_iv_set(mrb, exc, mrb_intern_cstr(mrb, "@validation"), mrb_str_new_cstr(mrb, id));
  mrb_exc_raise(mrb, exc);
}

/* HacolintValidate.check(settings) -> true, or raises Refused (the refusal is reported and logged). */
static mrb_value hv_m_check(mrb_state *mrb, mrb_value self) {
  mrb_value s;
  hv_container in;
  hv_checked c;
  hv_result res;
  conv_error err;
  (void)self;
  mrb_get_args(mrb, "o", &s);
  if (to_container(mrb, s, &in, &err) != 0) {
    memset(&res, 0, sizeof res);
    hv_internal(&res, "invalid settings: %s", err.msg);
    hv_report(&res);
    raise_refused(mrb, &res);
  }
  if (hv_check_container(&in, &c, &res) != 0) {
    hv_report(&res);
    raise_refused(mrb, &res);
  }
  hv_checked_free(&c);
  return mrb_true_value();
}

/* HacolintValidate.exec(settings): check, then become init through the checked fds. Never
 * returns: a refusal exits with its own exit code (not an exception a Hacofile could rescue). */
static mrb_value hv_m_exec(mrb_state *mrb, mrb_value self) {
  mrb_value s;
  hv_container in;
  hv_checked c;
  hv_result res;
  conv_error err;
  (void)self;
  mrb_get_args(mrb, "o", &s);
  memset(&res, 0, sizeof res);
  if (to_container(mrb, s, &in, &err) != 0) hv_internal(&res, "invalid settings: %s", err.msg);
  else if (hv_check_container(&in, &c, &res) == 0) hv_exec_container(&c, &in, &res);
  fflush(stdout);
  _exit(hv_report(&res));
  return mrb_nil_value();
}

static mrb_value hv_m_policy(mrb_state *mrb, mrb_value self) {
  mrb_value h = mrb_hash_new(mrb), on = mrb_ary_new(mrb);
  (void)self;
  for (int v = 0; v < HV_COUNT; v++) if (HV_COMPILED_IN[v]) mrb_ary_push(mrb, on, mrb_str_new_cstr(mrb, HV_CATALOGUE[v].id));
#define HV_SET(k, val) mrb_hash_set(mrb, h, mrb_str_new_cstr(mrb, k), val)
  HV_SET("validations", on);
  HV_SET("uid_min", mrb_fixnum_value((mrb_int)HACOLINT_UID_MIN));
  HV_SET("gid_min", mrb_fixnum_value((mrb_int)HACOLINT_GID_MIN));
#ifdef HACOLINT_ROOTFS_POOL
  HV_SET("rootfs_pool", mrb_str_new_cstr(mrb, HACOLINT_ROOTFS_POOL));
#endif
#ifdef HACOLINT_ALLOWED_ENV
  HV_SET("allowed_env", mrb_str_new_cstr(mrb, HACOLINT_ALLOWED_ENV));
#endif
  HV_SET("allowed_runners", mrb_str_new_cstr(mrb, HACOLINT_ALLOWED_RUNNERS));
#ifdef HACOLINT_HACOFILE_PATTERNS
  HV_SET("hacofile_patterns", mrb_str_new_cstr(mrb, HACOLINT_HACOFILE_PATTERNS));
#endif
  HV_SET("enforce_setuid_only", mrb_bool_value(HACOLINT_ENFORCE_SETUID_ONLY != 0));
  HV_SET("allow_mapped_root", mrb_bool_value(HACOLINT_ALLOW_MAPPED_ROOT != 0));
#ifdef HACOLINT_LOG_FILE
  HV_SET("log_file", mrb_str_new_cstr(mrb, HACOLINT_LOG_FILE));
#endif
  HV_SET("digest", mrb_str_new_cstr(mrb, HACOLINT_POLICY_DIGEST));
#undef HV_SET
  return h;
}

static mrb_value hv_m_print_policy(mrb_state *mrb, mrb_value self) {
  (void)mrb; (void)self;
  hacolint_print_policy(stderr);
  return mrb_nil_value();
}

/* The invoker's real ids, captured before main() ran. */
static mrb_value hv_m_invoker(mrb_state *mrb, mrb_value self) {
  const hv_ids *i = hv_invoker();
  (void)self;
  mrb_value a = mrb_ary_new(mrb);
  mrb_ary_push(mrb, a, mrb_fixnum_value((mrb_int)i->ruid));
  mrb_ary_push(mrb, a, mrb_fixnum_value((mrb_int)i->rgid));
  return a;
}

void mrb_mruby_hacolint_validate_gem_init(mrb_state *mrb) {
  struct RClass *mod = mrb_define_module(mrb, "HacolintValidate");
  mrb_define_class_under(mrb, mod, "Refused", mrb->eStandardError_class);
  mrb_define_class_method(mrb, mod, "check", hv_m_check, MRB_ARGS_REQ(1));
  mrb_define_class_method(mrb, mod, "exec", hv_m_exec, MRB_ARGS_REQ(1));
  mrb_define_class_method(mrb, mod, "policy", hv_m_policy, MRB_ARGS_NONE());
  mrb_define_class_method(mrb, mod, "print_policy", hv_m_print_policy, MRB_ARGS_NONE());
  mrb_define_class_method(mrb, mod, "invoker_ids", hv_m_invoker, MRB_ARGS_NONE());
}

void mrb_mruby_hacolint_validate_gem_final(mrb_state *mrb) { (void)mrb; }
