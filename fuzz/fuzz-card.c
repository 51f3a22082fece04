/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-fuzz"

/* libFuzzer target for model cards read from a file or a project: any bytes as a card's
 * JSON give a card or an error that says why. A card that reads must write JSON that reads
 * back the same, and render as Markdown, HTML and PDF pages without a crash; the same bytes
 * applied as edits (card edit --from) to an empty card change it all or not at all. */

#include <cairo-pdf.h>
#include <stdint.h>
#include <string.h>

#include "easel-card-render.h"
#include "easel-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static cairo_status_t
discard (void                *closure,
         const unsigned char *bytes,
         unsigned int         length)
{
  (void) closure;
  (void) bytes;
  (void) length;
  return CAIRO_STATUS_SUCCESS;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselCard) card = easel_card_new_from_json ((const char *) data, (gssize) size, &error);

  {
    g_autoptr(EaselCard) empty = easel_card_new ();
    g_autofree char *before = easel_card_to_json (empty, FALSE);
    g_autoptr(GError) apply_error = NULL;

    if (!easel_card_apply_json (empty, (const char *) data, (gssize) size, &apply_error))
      {
        g_autofree char *after = easel_card_to_json (empty, FALSE);
        g_assert_nonnull (apply_error);
        g_assert_cmpstr (before, ==, after);
      }
  }
  if (card == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->message[0] != '\0');
      return 0;
    }
  {
    g_autofree char *json = easel_card_to_json (card, FALSE);
    g_autoptr(EaselCard) back = easel_card_new_from_json (json, -1, &error);
    g_autofree char *again = NULL;
    g_autofree char *markdown = easel_card_to_markdown (card);
    g_autofree char *html = easel_card_to_html (card);
    cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (discard, NULL, 595, 842);

    g_assert_no_error (error);
    again = easel_card_to_json (back, FALSE);
    g_assert_cmpstr (json, ==, again);
    g_assert_nonnull (strstr (markdown, "## Additional information"));
    g_assert_nonnull (strstr (html, "</html>"));
    g_assert_cmpuint (easel_card_render_pages (card, surface, 595, 842), >=, 1);
    cairo_surface_finish (surface);
    cairo_surface_destroy (surface);
  }
  return 0;
}
