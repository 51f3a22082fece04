/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Little-endian binary serialisation for models (private to the core).
 *
 * The writer appends to a GByteArray. The reader never reads past its end and never
 * allocates more than the bytes that remain could describe: a truncated or damaged blob
 * makes the reader fail (every later read fails too), and easel_blob_reader_finish()
 * turns that into an EASEL_ERROR_CORRUPT error that says what was being read. */

typedef struct
{
  GByteArray *bytes;
} EaselBlobWriter;

void     easel_blob_put_u8          (EaselBlobWriter *w, guint8 v);
void     easel_blob_put_u32         (EaselBlobWriter *w, guint32 v);
void     easel_blob_put_u64         (EaselBlobWriter *w, guint64 v);
void     easel_blob_put_i32         (EaselBlobWriter *w, gint32 v);
void     easel_blob_put_f64         (EaselBlobWriter *w, double v);
/* A length-prefixed string; NULL is written as a distinct "absent" marker. */
void     easel_blob_put_string      (EaselBlobWriter *w, const char *s);
void     easel_blob_put_f32_array   (EaselBlobWriter *w, const float *v, gsize n);
void     easel_blob_put_f64_array   (EaselBlobWriter *w, const double *v, gsize n);
void     easel_blob_put_i32_array   (EaselBlobWriter *w, const gint32 *v, gsize n);
/* Start a section whose byte length is filled in by easel_blob_end_section(). */
gsize    easel_blob_begin_section   (EaselBlobWriter *w);
void     easel_blob_end_section     (EaselBlobWriter *w, gsize mark);

typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         pos;
  gboolean      failed;
  char         *problem;   /* what failed, for the message */
} EaselBlobReader;

void     easel_blob_reader_init     (EaselBlobReader *r, const guint8 *data, gsize len);
/* Mark the reader failed with a reason (the first reason wins). */
void     easel_blob_fail            (EaselBlobReader *r, const char *format, ...)
                                    G_GNUC_PRINTF (2, 3);
gboolean easel_blob_get_u8          (EaselBlobReader *r, guint8 *v);
gboolean easel_blob_get_u32         (EaselBlobReader *r, guint32 *v);
gboolean easel_blob_get_u64         (EaselBlobReader *r, guint64 *v);
gboolean easel_blob_get_i32         (EaselBlobReader *r, gint32 *v);
gboolean easel_blob_get_f64         (EaselBlobReader *r, double *v);
/* A u32 that must lie in [lo, hi]; 'what' names it in the message. */
gboolean easel_blob_get_u32_range   (EaselBlobReader *r, guint32 lo, guint32 hi,
                                     const char *what, guint32 *v);
/* Newly allocated; *s is NULL for a string written as NULL. Fails on invalid UTF-8. */
gboolean easel_blob_get_string      (EaselBlobReader *r, char **s);
/* Arrays must have exactly 'n' elements as written; newly allocated (NULL when n is 0). */
gboolean easel_blob_get_f32_array   (EaselBlobReader *r, gsize n, float **v);
gboolean easel_blob_get_f64_array   (EaselBlobReader *r, gsize n, double **v);
gboolean easel_blob_get_i32_array   (EaselBlobReader *r, gsize n, gint32 **v);
/* A section: a sub-reader over its bytes; the parent skips past it. */
gboolean easel_blob_get_section     (EaselBlobReader *r, EaselBlobReader *section);
/* Carry a section reader's failure over to its parent and free the section's message. */
void     easel_blob_join_section    (EaselBlobReader *r, EaselBlobReader *section);
/* TRUE if nothing failed; else sets EASEL_ERROR_CORRUPT naming 'what' ("the model file")
 * and the problem. Frees the reader's message either way. */
gboolean easel_blob_reader_finish   (EaselBlobReader *r, const char *what, GError **error);

G_END_DECLS
