/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

#include <stdarg.h>
#include <string.h>

#include "easel-blob.h"
#include "easel-error.h"

#define ABSENT_STRING G_MAXUINT32

static void
put_le (EaselBlobWriter *w,
        guint64          v,
        guint            size)
{
  guint8 b[8];

  for (guint i = 0; i < size; i++)
    b[i] = (guint8) (v >> (8 * i));
  g_byte_array_append (w->bytes, b, size);
}

void
easel_blob_put_u8 (EaselBlobWriter *w, guint8 v)
{
  g_byte_array_append (w->bytes, &v, 1);
}

void
easel_blob_put_u32 (EaselBlobWriter *w, guint32 v)
{
  put_le (w, v, 4);
}

void
easel_blob_put_u64 (EaselBlobWriter *w, guint64 v)
{
  put_le (w, v, 8);
}

void
easel_blob_put_i32 (EaselBlobWriter *w, gint32 v)
{
  put_le (w, (guint32) v, 4);
}

void
easel_blob_put_f64 (EaselBlobWriter *w, double v)
{
  guint64 bits;

  memcpy (&bits, &v, sizeof bits);
  put_le (w, bits, 8);
}

void
easel_blob_put_string (EaselBlobWriter *w, const char *s)
{
  gsize len;

  if (s == NULL)
    {
      easel_blob_put_u32 (w, ABSENT_STRING);
      return;
    }
  len = strlen (s);
  g_return_if_fail (len < ABSENT_STRING);
  easel_blob_put_u32 (w, (guint32) len);
  g_byte_array_append (w->bytes, (const guint8 *) s, (guint) len);
}

void
easel_blob_put_f32_array (EaselBlobWriter *w, const float *v, gsize n)
{
  easel_blob_put_u64 (w, n);
  for (gsize i = 0; i < n; i++)
    {
      guint32 bits;
      memcpy (&bits, &v[i], sizeof bits);
      put_le (w, bits, 4);
    }
}

void
easel_blob_put_f64_array (EaselBlobWriter *w, const double *v, gsize n)
{
  easel_blob_put_u64 (w, n);
  for (gsize i = 0; i < n; i++)
    easel_blob_put_f64 (w, v[i]);
}

void
easel_blob_put_i32_array (EaselBlobWriter *w, const gint32 *v, gsize n)
{
  easel_blob_put_u64 (w, n);
  for (gsize i = 0; i < n; i++)
    easel_blob_put_i32 (w, v[i]);
}

gsize
easel_blob_begin_section (EaselBlobWriter *w)
{
  gsize mark = w->bytes->len;

  easel_blob_put_u64 (w, 0);
  return mark;
}

void
easel_blob_end_section (EaselBlobWriter *w, gsize mark)
{
  guint64 len = w->bytes->len - mark - 8;

  for (guint i = 0; i < 8; i++)
    w->bytes->data[mark + i] = (guint8) (len >> (8 * i));
}

/* Reader */

void
easel_blob_reader_init (EaselBlobReader *r, const guint8 *data, gsize len)
{
  memset (r, 0, sizeof *r);
  r->data = data;
  r->len = len;
}

void
easel_blob_fail (EaselBlobReader *r, const char *format, ...)
{
  va_list args;

  if (r->failed)
    return;
  r->failed = TRUE;
  va_start (args, format);
  r->problem = g_strdup_vprintf (format, args);
  va_end (args);
}

static gboolean
take (EaselBlobReader *r,
      gsize            size,
      const guint8   **out)
{
  if (r->failed)
    return FALSE;
  if (size > r->len - r->pos)
    {
      easel_blob_fail (r, "it ends early, at byte %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT
                       " where %" G_GSIZE_FORMAT " more were expected", r->pos, r->len, size);
      return FALSE;
    }
  *out = r->data + r->pos;
  r->pos += size;
  return TRUE;
}

static guint64
get_le (const guint8 *p, guint size)
{
  guint64 v = 0;

  for (guint i = 0; i < size; i++)
    v |= (guint64) p[i] << (8 * i);
  return v;
}

gboolean
easel_blob_get_u8 (EaselBlobReader *r, guint8 *v)
{
  const guint8 *p;

  *v = 0;
  if (!take (r, 1, &p))
    return FALSE;
  *v = p[0];
  return TRUE;
}

gboolean
easel_blob_get_u32 (EaselBlobReader *r, guint32 *v)
{
  const guint8 *p;

  *v = 0;
  if (!take (r, 4, &p))
    return FALSE;
  *v = (guint32) get_le (p, 4);
  return TRUE;
}

gboolean
easel_blob_get_u64 (EaselBlobReader *r, guint64 *v)
{
  const guint8 *p;

  *v = 0;
  if (!take (r, 8, &p))
    return FALSE;
  *v = get_le (p, 8);
  return TRUE;
}

gboolean
easel_blob_get_i32 (EaselBlobReader *r, gint32 *v)
{
  guint32 u;
  gboolean ok = easel_blob_get_u32 (r, &u);

  *v = (gint32) u;
  return ok;
}

gboolean
easel_blob_get_f64 (EaselBlobReader *r, double *v)
{
  guint64 bits;
  gboolean ok = easel_blob_get_u64 (r, &bits);

  memcpy (v, &bits, sizeof bits);
  return ok;
}

gboolean
easel_blob_get_u32_range (EaselBlobReader *r, guint32 lo, guint32 hi, const char *what, guint32 *v)
{
  if (!easel_blob_get_u32 (r, v))
    return FALSE;
  if (*v < lo || *v > hi)
    {
      easel_blob_fail (r, "%s is %u, outside %u to %u", what, *v, lo, hi);
      *v = lo;
      return FALSE;
    }
  return TRUE;
}

gboolean
easel_blob_get_string (EaselBlobReader *r, char **s)
{
  guint32 len;
  const guint8 *p;

  *s = NULL;
  if (!easel_blob_get_u32 (r, &len))
    return FALSE;
  if (len == ABSENT_STRING)
    return TRUE;
  if (!take (r, len, &p))
    return FALSE;
  if (!g_utf8_validate ((const char *) p, len, NULL))
    {
      easel_blob_fail (r, "a string at byte %" G_GSIZE_FORMAT " is not valid UTF-8", r->pos - len);
      return FALSE;
    }
  *s = g_strndup ((const char *) p, len);
  return TRUE;
}

static gboolean
get_array (EaselBlobReader *r,
           gsize            n,
           gsize            elem,
           const guint8   **p)
{
  guint64 stored;

  *p = NULL;
  if (!easel_blob_get_u64 (r, &stored))
    return FALSE;
  if (stored != n)
    {
      easel_blob_fail (r, "an array at byte %" G_GSIZE_FORMAT " has %" G_GUINT64_FORMAT
                       " values where %" G_GSIZE_FORMAT " were expected", r->pos - 8, stored, n);
      return FALSE;
    }
  if (n > (r->len - r->pos) / elem)
    {
      easel_blob_fail (r, "it ends early, inside an array of %" G_GSIZE_FORMAT " values", n);
      return FALSE;
    }
  return take (r, n * elem, p);
}

gboolean
easel_blob_get_f32_array (EaselBlobReader *r, gsize n, float **v)
{
  const guint8 *p;

  *v = NULL;
  if (!get_array (r, n, 4, &p))
    return FALSE;
  if (n == 0)
    return TRUE;
  *v = g_new (float, n);
  for (gsize i = 0; i < n; i++)
    {
      guint32 bits = (guint32) get_le (p + 4 * i, 4);
      memcpy (&(*v)[i], &bits, 4);
    }
  return TRUE;
}

gboolean
easel_blob_get_f64_array (EaselBlobReader *r, gsize n, double **v)
{
  const guint8 *p;

  *v = NULL;
  if (!get_array (r, n, 8, &p))
    return FALSE;
  if (n == 0)
    return TRUE;
  *v = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    {
      guint64 bits = get_le (p + 8 * i, 8);
      memcpy (&(*v)[i], &bits, 8);
    }
  return TRUE;
}

gboolean
easel_blob_get_i32_array (EaselBlobReader *r, gsize n, gint32 **v)
{
  const guint8 *p;

  *v = NULL;
  if (!get_array (r, n, 4, &p))
    return FALSE;
  if (n == 0)
    return TRUE;
  *v = g_new (gint32, n);
  for (gsize i = 0; i < n; i++)
    (*v)[i] = (gint32) (guint32) get_le (p + 4 * i, 4);
  return TRUE;
}

gboolean
easel_blob_get_section (EaselBlobReader *r, EaselBlobReader *section)
{
  guint64 len;
  const guint8 *p = NULL;

  easel_blob_reader_init (section, NULL, 0);
  if (!easel_blob_get_u64 (r, &len))
    {
      section->failed = TRUE;
      return FALSE;
    }
  if (len > r->len - r->pos)
    {
      easel_blob_fail (r, "a section at byte %" G_GSIZE_FORMAT " claims %" G_GUINT64_FORMAT
                       " bytes but only %" G_GSIZE_FORMAT " remain", r->pos - 8, len,
                       r->len - r->pos);
      section->failed = TRUE;
      return FALSE;
    }
  take (r, (gsize) len, &p);
  easel_blob_reader_init (section, p, (gsize) len);
  return TRUE;
}

void
easel_blob_join_section (EaselBlobReader *r, EaselBlobReader *section)
{
  if (section->failed)
    easel_blob_fail (r, "%s", section->problem ? section->problem : "a section cannot be read");
  g_clear_pointer (&section->problem, g_free);
}

gboolean
easel_blob_reader_finish (EaselBlobReader *r, const char *what, GError **error)
{
  gboolean ok = !r->failed;

  if (!ok)
    g_set_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT, "%s is damaged: %s.", what,
                 r->problem ? r->problem : "it cannot be read");
  g_clear_pointer (&r->problem, g_free);
  return ok;
}
