/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

#include <string.h>

#include "easel-dict.h"

guint64
easel_hash_bytes (const char *s,
            gsize       len)
{
  /* FNV-1a on 8-byte words with a final avalanche: fast and good enough for a dictionary. */
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325) ^ len;
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 w;
      memcpy (&w, s + i, 8);
      h = (h ^ w) * G_GUINT64_CONSTANT (0x100000001b3);
      h ^= h >> 29;
    }
  for (; i < len; i++)
    h = (h ^ (guint8) s[i]) * G_GUINT64_CONSTANT (0x100000001b3);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  return h;
}

/* ------------------------------------------------------------------------------------------ */


void
easel_dict_init (EaselDict *d)
{
  memset (d, 0, sizeof *d);
  d->mask = 63;
  d->slots = g_new0 (guint32, d->mask + 1);
}

void
easel_dict_clear (EaselDict *d)
{
  g_free (d->arena);
  g_free (d->offsets);
  g_free (d->lengths);
  g_free (d->hashes);
  g_free (d->slots);
  memset (d, 0, sizeof *d);
}


static void
grow_slots (EaselDict *d)
{
  guint32 new_mask = d->mask * 2 + 1;
  guint32 *slots = g_new0 (guint32, (gsize) new_mask + 1);

  for (guint32 code = 0; code < d->n; code++)
    {
      guint32 i = (guint32) d->hashes[code] & new_mask;
      while (slots[i] != 0)
        i = (i + 1) & new_mask;
      slots[i] = code + 1;
    }
  g_free (d->slots);
  d->slots = slots;
  d->mask = new_mask;
}

guint32
easel_dict_intern_hashed (EaselDict       *d,
                    const char *s,
                    gsize       len,
                    guint64     h)
{
  guint32 i = (guint32) h & d->mask;
  guint32 code;

  while (d->slots[i] != 0)
    {
      code = d->slots[i] - 1;
      if (d->hashes[code] == h && d->lengths[code] == len &&
          memcmp (d->arena + d->offsets[code], s, len) == 0)
        return code;
      i = (i + 1) & d->mask;
    }

  code = d->n++;
  if (code >= d->cap)
    {
      d->cap = MAX (16, d->cap * 2);
      d->offsets = g_renew (guint64, d->offsets, d->cap);
      d->lengths = g_renew (guint32, d->lengths, d->cap);
      d->hashes = g_renew (guint64, d->hashes, d->cap);
    }
  if (d->arena_len + len + 1 > d->arena_cap)
    {
      d->arena_cap = MAX (MAX (4096, d->arena_cap * 2), d->arena_len + len + 1);
      d->arena = g_realloc (d->arena, d->arena_cap);
    }
  memcpy (d->arena + d->arena_len, s, len);
  d->arena[d->arena_len + len] = '\0';
  d->offsets[code] = d->arena_len;
  d->lengths[code] = (guint32) len;
  d->hashes[code] = h;
  d->arena_len += len + 1;
  d->slots[i] = code + 1;
  if ((guint64) d->n * 2 > d->mask)
    grow_slots (d);
  return code;
}



gsize
easel_utf8_count (const char *s,
                  gsize       len)
{
  gsize n = 0;

  for (gsize i = 0; i < len; i++)
    n += ((guint8) s[i] & 0xC0) != 0x80;
  return n;
}
