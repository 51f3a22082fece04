/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Model cards (src/core/easel-card.h) as documents with charts: one self-contained HTML
 * page (charts inline as SVG) and a paginated PDF drawn with Cairo and Pango. They live
 * beside the charts because they need them; the card itself, its JSON and Markdown are in
 * the core. */

#include <cairo.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "easel-card.h"
#include "easel-chart.h"

G_BEGIN_DECLS

typedef enum
{
  EASEL_PAPER_A4,      /* 210 × 297 mm */
  EASEL_PAPER_LETTER,  /* 8.5 × 11 in */
} EaselPaper;

/* "a4" or "letter" in any case; FALSE if neither. */
gboolean    easel_paper_from_string          (const char        *name,
                                              EaselPaper        *paper);

/* The chart of one metric of a card's metric_data: a heatmap for "matrix" (the confusion
 * matrix), a line chart for "linear_graph" (the ROC curve, with the diagonal of chance),
 * bars for "bar_chart" (column impact); NULL for simple metrics and malformed ones. The UI
 * shows these in its card page. */
EaselChart *easel_card_metric_chart          (JsonObject        *metric);

/* The card as one HTML page that needs nothing else: no scripts, no external files. */
char       *easel_card_to_html               (const EaselCard   *card);
/* The card as a PDF: a header and page numbers on every page, text that wraps and flows
 * onto new pages, the same charts. */
gboolean    easel_card_write_pdf             (const EaselCard   *card,
                                              const char        *path,
                                              EaselPaper         paper,
                                              GError           **error);
/* The card drawn on pages of 'surface' (a PDF surface of the paper's size, in points);
 * returns the number of pages. For tests and other surfaces. */
guint       easel_card_render_pages          (const EaselCard   *card,
                                              cairo_surface_t   *surface,
                                              double             page_width,
                                              double             page_height);

/* The chart as an <svg> element appended to 'out'; every id gets the prefix "c<serial>-" so
 * that several charts can share one page. */
void        easel_chart_append_svg           (GString           *out,
                                              EaselChart        *chart,
                                              double             width,
                                              double             height,
                                              guint              serial);

G_END_DECLS
