/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-fuzz"

/* libFuzzer target for the model loader: easel_model_from_bytes() on any bytes must give a
 * model or an error that says why, never a crash. A model that loads must save to the same
 * kind of blob, load again, and make a model card (JSON and Markdown).
 *
 * The blob's header holds the payload's length and SHA-256, so almost every change fails the
 * checksum; each input is therefore tried twice, as it is and with the header's length and
 * checksum fixed up, so that the payload's reader itself meets the changes. */

#define HEADER_SIZE 56  /* magic 8, format 4, zero 4, payload length 8, SHA-256 32 */

#include <stdint.h>
#include <string.h>

#include "easel-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check (const uint8_t *data,
       size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselModel) model = easel_model_from_bytes (bytes, &error);

  if (model == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->message != NULL && error->message[0] != '\0');
      return;
    }
  g_assert_null (error);

  {
    g_autoptr(GBytes) again = easel_model_to_bytes (model);
    g_autoptr(EaselModel) reloaded = easel_model_from_bytes (again, &error);
    g_assert_no_error (error);
    g_assert_nonnull (reloaded);
    g_assert_cmpstr (easel_model_get_algorithm (reloaded)->name, ==,
                     easel_model_get_algorithm (model)->name);
  }
  {
    g_autoptr(EaselCard) card = easel_card_new_for_model (model, "fuzz", 1, "data", NULL);
    g_autofree char *json = easel_card_to_json (card, FALSE);
    g_autofree char *markdown = easel_card_to_markdown (card);
    g_autoptr(EaselCard) back = easel_card_new_from_json (json, -1, &error);
    g_assert_no_error (error);
    g_assert_nonnull (back);
    g_assert_nonnull (strstr (markdown, "## Evaluation details"));
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  check (data, size);
  if (size >= HEADER_SIZE)
    {
      g_autofree guint8 *copy = g_memdup2 (data, size);
      g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
      guint64 payload = size - HEADER_SIZE;
      gsize digest_len = 32;

      for (guint i = 0; i < 8; i++)
        copy[16 + i] = (guint8) (payload >> (8 * i));
      g_checksum_update (sum, copy + HEADER_SIZE, (gssize) payload);
      g_checksum_get_digest (sum, copy + 24, &digest_len);
      check (copy, size);
    }
  return 0;
}
