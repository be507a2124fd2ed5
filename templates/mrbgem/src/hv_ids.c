/* A strict reader for the container's own /etc/passwd and /etc/group (never NSS: after
 * entering the rootfs glibc would load the container's libnss_*.so, CVE-2019-14271 and
 * CVE-2025-32463; and fgetpwent reads a '+name' line as uid 0).
 * Rules: passwd lines have exactly 7 ':'-separated fields, group lines exactly 4; blank lines
 * and '#' comments are skipped; a name is non-empty and does not start with '+' or '-'; ids
 * are decimal digits only, at most 4294967294. Any other line makes the whole file invalid:
 * we cannot know what the system reading it would make of it, so we refuse (fail closed). */
#include "hv_internal.h"
#include <string.h>

int hv_parse_id(const char *s, size_t len, unsigned long *out) {
  if (len == 0 || len > 10) return -1;
  unsigned long long v = 0;
  for (size_t i = 0; i < len; i++) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (unsigned)(s[i] - '0');
  }
  if (v > 4294967294ULL) return -1;
  *out = (unsigned long)v;
  return 0;
}

typedef struct { const char *p[8]; size_t n[8]; int count; } fields;

/* Splits one line (without its newline) at ':'; returns the number of fields (max 8). */
static int split(const char *line, size_t len, fields *f) {
  f->count = 0;
  size_t start = 0;
  for (size_t i = 0; i <= len; i++) {
    if (i == len || line[i] == ':') {
      if (f->count == 8) return 9;
      f->p[f->count] = line + start;
      f->n[f->count] = i - start;
      f->count++;
      start = i + 1;
    }
  }
  return f->count;
}

/* Calls fn for each data line; stops early when fn returns non-zero. */
typedef int (*line_fn)(const char *line, size_t len, int lineno, void *ctx);
static int each_line(const hv_idfile *f, line_fn fn, void *ctx) {
  size_t i = 0;
  int lineno = 0;
  while (i < f->len) {
    const char *nl = memchr(f->data + i, '\n', f->len - i);
    size_t end = nl ? (size_t)(nl - f->data) : f->len;
    lineno++;
    const char *line = f->data + i;
    size_t len = end - i;
    i = end + 1;
    if (len == 0 || line[0] == '#') continue;
    int r = fn(line, len, lineno, ctx);
    if (r) return r;
  }
  return 0;
}

struct validate_ctx { int fields; int bad_line; };
static int validate_line(const char *line, size_t len, int lineno, void *vctx) {
  struct validate_ctx *c = vctx;
  fields f;
  unsigned long id;
  int ok = split(line, len, &f) == c->fields && f.n[0] > 0 && line[0] != '+' && line[0] != '-'
           && hv_parse_id(f.p[2], f.n[2], &id) == 0 && memchr(line, '\0', len) == NULL && memchr(line, '\r', len) == NULL;
  if (ok && c->fields == 7) ok = hv_parse_id(f.p[3], f.n[3], &id) == 0;
  for (size_t k = 0; ok && k < f.n[0]; k++) {
    unsigned char ch = (unsigned char)f.p[0][k];
    if (ch <= ' ' || ch == 0x7f) ok = 0;
  }
  if (!ok) { c->bad_line = lineno; return 1; }
  return 0;
}

int hv_idfile_validate(const hv_idfile *f, int fields_wanted, int *bad_line) {
  struct validate_ctx c = { fields_wanted, 0 };
  if (each_line(f, validate_line, &c)) { *bad_line = c.bad_line; return -1; }
  return 0;
}

struct find_ctx { int by_id; unsigned long id; const char *name; char *out; size_t outsz; unsigned long found_id; };
static int find_line(const char *line, size_t len, int lineno, void *vctx) {
  (void)lineno;
  struct find_ctx *c = vctx;
  fields f;
  unsigned long id;
  split(line, len, &f);
  if (hv_parse_id(f.p[2], f.n[2], &id) != 0) return 0;
  if (c->by_id ? id == c->id : (strlen(c->name) == f.n[0] && memcmp(c->name, f.p[0], f.n[0]) == 0)) {
    if (c->out && c->outsz) {
      size_t n = f.n[0] < c->outsz - 1 ? f.n[0] : c->outsz - 1;
      memcpy(c->out, f.p[0], n);
      c->out[n] = '\0';
    }
    c->found_id = id;
    return 1; /* first matching entry wins, like getpwnam */
  }
  return 0;
}

int hv_idfile_find_id(const hv_idfile *f, unsigned long id, char *name, size_t namesz) {
  struct find_ctx c = { 1, id, NULL, name, namesz, 0 };
  return each_line(f, find_line, &c) ? 1 : 0;
}

int hv_idfile_find_name(const hv_idfile *f, const char *name, unsigned long *id) {
  struct find_ctx c = { 0, 0, name, NULL, 0, 0 };
  if (!each_line(f, find_line, &c)) return 0;
  *id = c.found_id;
  return 1;
}
