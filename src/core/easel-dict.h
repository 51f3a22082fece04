/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A string dictionary (private to the core): each distinct string is stored once in an
 * arena and gets a code 0, 1, 2... in order of first insertion. Strings may contain any
 * bytes; lengths are explicit. Not thread-safe: one per thread. */
typedef struct
{
  char     *arena;
  gsize     arena_len;
  gsize     arena_cap;
  guint64  *offsets;   /* per code */
  guint32  *lengths;   /* per code */
  guint64  *hashes;    /* per code */
  guint32   n;
  guint32   cap;
  guint32  *slots;     /* code + 1; 0 = empty */
  guint32   mask;
} EaselDict;

guint64  easel_hash_bytes         (const char *s,
                                   gsize       len);
void     easel_dict_init          (EaselDict  *d);
void     easel_dict_clear         (EaselDict  *d);
/* The code of the string, inserting it if new. 'hash' must be easel_hash_bytes (s, len). */
guint32  easel_dict_intern_hashed (EaselDict  *d,
                                   const char *s,
                                   gsize       len,
                                   guint64     hash);

static inline guint32
easel_dict_intern (EaselDict  *d,
                   const char *s,
                   gsize       len)
{
  return easel_dict_intern_hashed (d, s, len, easel_hash_bytes (s, len));
}

static inline const char *
easel_dict_string (const EaselDict *d,
                   guint32          code)
{
  return d->arena + d->offsets[code];
}

/* Characters in a UTF-8 string of 'len' bytes (continuation bytes are not counted). */
gsize    easel_utf8_count         (const char *s,
                                   gsize       len);

G_END_DECLS
