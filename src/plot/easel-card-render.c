/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "easel-card-render.h"
#include "easel-error.h"
#include "easel-json.h"
#include "easel-names.h"

/* ------------------------------------------------------------------------------------------ */
/* Checked JSON access (the card's JSON may come from a file)                                   */

static char *
format_number (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (v))
    return g_strdup ("–");
  if (v == floor (v) && fabs (v) < 1e15)
    return g_strdup_printf ("%.0f", v);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4g", v));
}

static char *
format_value (JsonNode *value)
{
  if (easel_json_node_string (value) != NULL)
    return g_strdup (easel_json_node_string (value));
  if (value != NULL && JSON_NODE_HOLDS_VALUE (value)
      && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (value) ? "yes" : "no");
  return format_number (easel_json_node_number (value));
}

gboolean
easel_paper_from_string (const char *name,
                         EaselPaper *paper)
{
  static const char *const names[] = { "a4", "letter" };
  int i = easel_names_lookup (names, G_N_ELEMENTS (names), name);

  if (i < 0)
    return FALSE;
  *paper = (EaselPaper) i;
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Charts of metrics                                                                            */

static char **
string_list (JsonArray *array,
             guint      n)
{
  char **out = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      const char *s = array && i < json_array_get_length (array)
                          ? easel_json_node_string (json_array_get_element (array, i))
                          : NULL;
      out[i] = s ? g_strdup (s) : g_strdup_printf ("%u", i + 1);
    }
  return out;
}

EaselChart *
easel_card_metric_chart (JsonObject *metric)
{
  const char *type = easel_json_member_string (metric, "type");
  const char *name = easel_json_member_string (metric, "name");
  JsonArray *value = easel_json_member_array (metric, "value");
  EaselChart *chart = NULL;

  if (type == NULL || value == NULL || json_array_get_length (value) == 0)
    return NULL;
  if (strcmp (type, "matrix") == 0)
    {
      guint rows = json_array_get_length (value), cols = 0;
      g_autofree double *cells = NULL;
      g_auto(GStrv) row_labels = NULL;
      g_auto(GStrv) col_labels = NULL;
      double hi = 0;

      for (guint r = 0; r < rows; r++)
        {
          JsonNode *row = json_array_get_element (value, r);
          if (!JSON_NODE_HOLDS_ARRAY (row))
            return NULL;
          cols = MAX (cols, json_array_get_length (json_node_get_array (row)));
        }
      if (cols == 0 || rows > 200 || cols > 200)
        return NULL;
      cells = g_new (double, (gsize) rows * cols);
      for (guint r = 0; r < rows; r++)
        {
          JsonArray *row = json_node_get_array (json_array_get_element (value, r));
          for (guint c = 0; c < cols; c++)
            {
              double v = c < json_array_get_length (row)
                             ? easel_json_node_number (json_array_get_element (row, c))
                             : NAN;
              cells[(gsize) r * cols + c] = v;
              if (isfinite (v))
                hi = MAX (hi, v);
            }
        }
      row_labels = string_list (easel_json_member_array (metric, "y_axis_name"), rows);
      col_labels = string_list (easel_json_member_array (metric, "x_axis_name"), cols);
      chart = easel_chart_new_heatmap (cells, rows, cols, (const char *const *) row_labels,
                                       (const char *const *) col_labels, 0, hi > 0 ? hi : 1);
      easel_chart_set_x_label (chart, "Predicted class");
      easel_chart_set_y_label (chart, "True class");
    }
  else if (strcmp (type, "linear_graph") == 0)
    {
      guint n = json_array_get_length (value), m = 0;
      g_autofree double *x = g_new (double, n);
      g_autofree double *y = g_new (double, n);
      static const double diagonal[] = { 0, 1 };

      for (guint i = 0; i < n; i++)
        {
          JsonNode *point = json_array_get_element (value, i);
          JsonArray *xy = JSON_NODE_HOLDS_ARRAY (point) ? json_node_get_array (point) : NULL;
          double a, b;
          if (xy == NULL || json_array_get_length (xy) < 2)
            continue;
          a = easel_json_node_number (json_array_get_element (xy, 0));
          b = easel_json_node_number (json_array_get_element (xy, 1));
          if (isfinite (a) && isfinite (b))
            {
              x[m] = a;
              y[m] = b;
              m++;
            }
        }
      if (m < 2)
        return NULL;
      chart = easel_chart_new_line ();
      easel_chart_add_series (chart, name ? name : "Curve", x, y, m);
      if (g_strcmp0 (easel_json_member_string (metric, "x_axis_name"), "False positive rate") == 0)
        {
          easel_chart_add_series (chart, "Chance", diagonal, diagonal, 2);
          easel_chart_set_x_range (chart, 0, 1);
          easel_chart_set_y_range (chart, 0, 1);
        }
      easel_chart_set_x_label (chart, easel_json_member_string (metric, "x_axis_name"));
      easel_chart_set_y_label (chart, easel_json_member_string (metric, "y_axis_name"));
    }
  else if (strcmp (type, "bar_chart") == 0)
    {
      guint n = MIN (json_array_get_length (value), 1000u);
      g_autofree double *v = g_new (double, n);
      g_auto(GStrv) labels = string_list (easel_json_member_array (metric, "x_axis_name"), n);

      for (guint i = 0; i < n; i++)
        {
          v[i] = easel_json_node_number (json_array_get_element (value, i));
          if (!isfinite (v[i]))
            v[i] = 0;
        }
      chart = easel_chart_new_bar ((const char *const *) labels, v, n, 15);
      easel_chart_set_x_label (chart, "Column");
      easel_chart_set_y_label (chart, easel_json_member_string (metric, "y_axis_name"));
    }
  if (chart != NULL)
    {
      EaselChartStyle style;
      easel_chart_style_init_light (&style);
      easel_chart_set_style (chart, &style);
      easel_chart_set_title (chart, name);
    }
  return chart;
}

/* ------------------------------------------------------------------------------------------ */
/* One walk over the card for every document format                                            */

typedef struct _Doc Doc;

typedef struct
{
  void (*heading) (Doc *doc, int level, const char *text);
  /* value NULL: not filled in */
  void (*field)   (Doc *doc, const char *label, const char *value);
  /* n_cols header cells, then rows of n_cols cells (cells->len is a multiple of n_cols) */
  void (*table) (Doc *doc, const char *title, guint n_cols, const char *const *header,
                 GPtrArray *cells);
  /* n_items: bars of a bar chart (its height follows them) */
  void (*chart)   (Doc *doc, EaselChart *chart, const char *caption, guint n_items);
} DocOps;

struct _Doc
{
  const DocOps *ops;
};

static void
walk_fields (Doc             *doc,
             const EaselCard *card,
             const char      *section)
{
  guint n;
  const EaselCardField *fields = easel_card_fields (&n);

  for (guint i = 0; i < n; i++)
    if (g_str_has_prefix (fields[i].path, section) && fields[i].path[strlen (section)] == '.')
      doc->ops->field (doc, fields[i].title, easel_card_get_string (card, fields[i].path));
}

static void
walk_name_values (Doc        *doc,
                  JsonArray  *list,
                  const char *title,
                  const char *name_header)
{
  static const char *header[2];
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  header[0] = name_header;
  header[1] = "Value";
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *o = easel_json_element_object (list, i);
      if (o == NULL)
        continue;
      g_ptr_array_add (cells,
                       g_strdup (easel_json_member_string (o, "name") ? easel_json_member_string (o, "name") : ""));
      g_ptr_array_add (cells, format_value (json_object_get_member (o, "value")));
    }
  if (cells->len > 0)
    doc->ops->table (doc, title, 2, header, cells);
}

static void
walk_evaluation (Doc        *doc,
                 JsonObject *evaluation)
{
  JsonArray *groups = easel_json_member_array (evaluation, "metric_groups");

  doc->ops->heading (doc, 3,
                     easel_json_member_string (evaluation, "name") ? easel_json_member_string (evaluation, "name")
                                                        : "Evaluation");
  doc->ops->field (doc, "Observations", easel_json_member_string (evaluation, "evaluation_observation"));
  for (guint g = 0; groups != NULL && g < json_array_get_length (groups); g++)
    {
      JsonObject *group = easel_json_element_object (groups, g);
      JsonArray *data = easel_json_member_array (group, "metric_data");
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      static const char *const header[] = { "Metric", "Value", "Notes" };
      gboolean notes = FALSE;

      /* The notes column only when a metric has notes. */
      for (guint i = 0; data != NULL && i < json_array_get_length (data); i++)
        notes |= easel_json_member_string (easel_json_element_object (data, i), "notes") != NULL;
      for (guint i = 0; data != NULL && i < json_array_get_length (data); i++)
        {
          JsonObject *m = easel_json_element_object (data, i);
          const char *type = easel_json_member_string (m, "type");
          if (g_strcmp0 (type, "number") != 0 && g_strcmp0 (type, "string") != 0 &&
              g_strcmp0 (type, "boolean") != 0)
            continue;
          g_ptr_array_add (cells,
                           g_strdup (easel_json_member_string (m, "name") ? easel_json_member_string (m, "name") : ""));
          g_ptr_array_add (cells, format_value (json_object_get_member (m, "value")));
          if (notes)
            g_ptr_array_add (
                cells, g_strdup (easel_json_member_string (m, "notes") ? easel_json_member_string (m, "notes") : ""));
        }
      if (cells->len > 0)
        doc->ops->table (doc, easel_json_member_string (group, "name"), notes ? 3 : 2, header, cells);
      for (guint i = 0; data != NULL && i < json_array_get_length (data); i++)
        {
          JsonObject *m = easel_json_element_object (data, i);
          g_autoptr(EaselChart) chart = m ? easel_card_metric_chart (m) : NULL;
          JsonArray *value = easel_json_member_array (m, "value");
          if (chart != NULL)
            doc->ops->chart (doc, chart, easel_json_member_string (m, "notes"),
                             value ? MIN (json_array_get_length (value), 16u) : 0);
        }
    }
}

static void
walk_card (Doc             *doc,
           const EaselCard *card)
{
  JsonObject *root = easel_card_get_root (card);
  const char *const *sections = easel_card_sections ();
  g_autofree char *ref = easel_card_dup_model_ref (card);
  g_autofree char *title = g_strdup_printf ("Model card: %s", ref);

  doc->ops->heading (doc, 1, title);
  for (guint s = 0; sections[s] != NULL; s++)
    {
      const char *key = sections[s];
      JsonObject *section = easel_json_member_object (root, key);

      doc->ops->heading (doc, 2, easel_card_section_title (key));
      if (strcmp (key, "model_overview") == 0)
        doc->ops->field (doc, "Model", ref);
      if (strcmp (key, "training_details") == 0)
        {
          JsonObject *job = easel_json_member_object (section, "training_job_details");
          JsonArray *datasets = easel_json_member_array (job, "training_datasets");
          JsonArray  *images
              = easel_json_member_array (easel_json_member_object (job, "training_environment"), "container_image");
          g_autoptr(GString) data = g_string_new (NULL);

          walk_fields (doc, card, key);
          for (guint i = 0; datasets != NULL && i < json_array_get_length (datasets); i++)
            {
              const char *d = easel_json_node_string (json_array_get_element (datasets, i));
              if (d != NULL)
                g_string_append_printf (data, "%s%s", data->len ? ", " : "", d);
            }
          doc->ops->field (doc, "Training data", data->len ? data->str : NULL);
          if (images != NULL && json_array_get_length (images) > 0)
            doc->ops->field (doc, "Environment", easel_json_node_string (json_array_get_element (images, 0)));
          walk_name_values (doc, easel_json_member_array (job, "training_metrics"), "Training metrics",
                            "Metric");
          walk_name_values (doc, easel_json_member_array (job, "hyper_parameters"), "Hyper-parameters",
                            "Parameter");
          continue;
        }
      if (strcmp (key, "evaluation_details") == 0)
        {
          JsonArray *evaluations = easel_json_member_array (root, key);
          guint n = evaluations ? json_array_get_length (evaluations) : 0;

          if (n == 0)
            doc->ops->field (doc, "Evaluations", NULL);
          for (guint i = 0; i < n; i++)
            if (easel_json_element_object (evaluations, i) != NULL)
              walk_evaluation (doc, easel_json_element_object (evaluations, i));
          continue;
        }
      walk_fields (doc, card, key);
      if (strcmp (key, "additional_information") == 0)
        {
          JsonObject *custom = easel_json_member_object (section, "custom_details");
          g_autoptr(GList) members = custom ? json_object_get_members (custom) : NULL;
          g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
          static const char *const header[] = { "Name", "Value" };

          for (GList *l = members; l != NULL; l = l->next)
            {
              g_ptr_array_add (cells, g_strdup (l->data));
              g_ptr_array_add (cells, format_value (json_object_get_member (custom, l->data)));
            }
          if (cells->len > 0)
            doc->ops->table (doc, "Custom details", 2, header, cells);
        }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* HTML                                                                                         */

static cairo_status_t
append_to_string (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

void
easel_chart_append_svg (GString    *out,
                        EaselChart *chart,
                        double      width,
                        double      height,
                        guint       serial)
{
  g_autoptr(GString) svg = g_string_new (NULL);
  g_autofree char *id = g_strdup_printf ("id=\"c%u-", serial);
  g_autofree char *href = g_strdup_printf ("href=\"#c%u-", serial);
  g_autofree char *url = g_strdup_printf ("url(#c%u-", serial);
  cairo_surface_t *surface
      = cairo_svg_surface_create_for_stream (append_to_string, svg, width, height);
  cairo_t *cr = cairo_create (surface);
  const char *start;

  easel_chart_render (chart, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  g_string_replace (svg, "id=\"", id, 0);
  g_string_replace (svg, "href=\"#", href, 0);
  g_string_replace (svg, "url(#", url, 0);
  start = strstr (svg->str, "<svg");
  if (start != NULL)
    g_string_append (out, start);
}

typedef struct
{
  Doc      doc;
  GString *out;
  guint    serial;
} HtmlDoc;

static void
html_escaped (GString    *out,
              const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);
  g_string_append (out, escaped);
}

/* Paragraphs of a person's text: blank lines separate them, single newlines break lines. */
static void
html_paragraphs (GString    *out,
                 const char *text)
{
  g_auto(GStrv) paragraphs = g_regex_split_simple ("\\n\\s*\\n", text, 0, 0);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (paragraphs[i], -1);
      g_auto(GStrv) lines = g_strsplit (escaped, "\n", -1);
      g_autofree char *joined = g_strjoinv ("<br>", lines);
      g_string_append_printf (out, "<p>%s</p>", joined);
    }
}

static void
html_heading (Doc        *doc,
              int         level,
              const char *text)
{
  HtmlDoc *h = (HtmlDoc *) doc;

  g_string_append_printf (h->out, "<h%d>", level);
  html_escaped (h->out, text);
  g_string_append_printf (h->out, "</h%d>\n", level);
}

static void
html_field (Doc        *doc,
            const char *label,
            const char *value)
{
  HtmlDoc *h = (HtmlDoc *) doc;

  g_string_append (h->out, "<div class=\"field\"><div class=\"label\">");
  html_escaped (h->out, label);
  g_string_append (h->out, "</div><div class=\"value\">");
  if (value == NULL)
    g_string_append (h->out, "<p class=\"empty\">Not filled in.</p>");
  else
    html_paragraphs (h->out, value);
  g_string_append (h->out, "</div></div>\n");
}

static void
html_table (Doc               *doc,
            const char        *title,
            guint              n_cols,
            const char *const *header,
            GPtrArray         *cells)
{
  HtmlDoc *h = (HtmlDoc *) doc;

  g_string_append (h->out, "<table>");
  if (title != NULL)
    {
      g_string_append (h->out, "<caption>");
      html_escaped (h->out, title);
      g_string_append (h->out, "</caption>");
    }
  g_string_append (h->out, "<tr>");
  for (guint c = 0; c < n_cols; c++)
    {
      g_string_append (h->out, "<th>");
      html_escaped (h->out, header[c]);
      g_string_append (h->out, "</th>");
    }
  g_string_append (h->out, "</tr>\n");
  for (guint i = 0; i + n_cols <= cells->len; i += n_cols)
    {
      g_string_append (h->out, "<tr>");
      for (guint c = 0; c < n_cols; c++)
        {
          g_string_append (h->out, "<td>");
          html_escaped (h->out, cells->pdata[i + c]);
          g_string_append (h->out, "</td>");
        }
      g_string_append (h->out, "</tr>\n");
    }
  g_string_append (h->out, "</table>\n");
}

static double
bar_chart_height (guint n_items)
{
  return CLAMP (90.0 + 20.0 * n_items, 180.0, 420.0);
}

static void
html_chart (Doc        *doc,
            EaselChart *chart,
            const char *caption,
            guint       n_items)
{
  HtmlDoc *h = (HtmlDoc *) doc;
  EaselChartKind kind = easel_chart_get_kind (chart);
  double width = kind == EASEL_CHART_BAR ? 640 : kind == EASEL_CHART_HEATMAP ? 440 : 480;
  double height = kind == EASEL_CHART_BAR ? bar_chart_height (n_items)
                  : kind == EASEL_CHART_HEATMAP ? 340 : 400;

  g_string_append (h->out, "<figure>");
  easel_chart_append_svg (h->out, chart, width, height, h->serial++);
  if (caption != NULL)
    {
      g_string_append (h->out, "<figcaption>");
      html_escaped (h->out, caption);
      g_string_append (h->out, "</figcaption>");
    }
  g_string_append (h->out, "</figure>\n");
}

static const DocOps html_ops = { html_heading, html_field, html_table, html_chart };

static const char html_style[] =
  "body{font-family:Cantarell,'Noto Sans','DejaVu Sans',sans-serif;max-width:900px;"
  "margin:2em auto;padding:0 1em;color:#222;background:#fff;line-height:1.45}"
  "h1{font-size:1.7em;margin-bottom:.2em}"
  "h2{margin-top:1.8em;border-bottom:2px solid #3584e4;padding-bottom:.2em}"
  "h3{margin-top:1.4em}.field{margin:.6em 0}.label{font-weight:bold;color:#444}"
  ".value{overflow-wrap:anywhere}.value p{margin:.2em 0 .6em}"
  ".empty{color:#888;font-style:italic}"
  "table{border-collapse:collapse;margin:1em 0;min-width:50%}"
  "caption{text-align:left;font-weight:bold;padding:.3em 0}"
  "td,th{padding:.3em .7em;text-align:left;border-bottom:1px solid #ddd;vertical-align:top;"
  "overflow-wrap:anywhere}th{background:#f3f3f3}figure{margin:1.2em 0}"
  "figure svg{max-width:100%;height:auto;display:block}"
  "figcaption{color:#666;font-size:.9em}footer{margin-top:3em;color:#888;font-size:.85em}";

char *
easel_card_to_html (const EaselCard *card)
{
  HtmlDoc h = { { &html_ops }, g_string_new (NULL), 0 };
  g_autofree char *ref = easel_card_dup_model_ref (card);

  g_string_append (
      h.out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
  g_string_append (h.out, "Model card: ");
  html_escaped (h.out, ref);
  g_string_append_printf (h.out, "</title>\n<style>%s</style>\n</head>\n<body>\n", html_style);
  walk_card (&h.doc, card);
  g_string_append (h.out, "<footer>Made with Easel.</footer>\n</body>\n</html>\n");
  return g_string_free (h.out, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* PDF                                                                                          */

#define PDF_MARGIN 56.0       /* points: about 2 cm */
#define PDF_HEADER 28.0       /* the running header above the text */
#define PDF_FOOTER 28.0
#define PDF_FONT "Cantarell, DejaVu Sans, Sans"

typedef struct
{
  Doc       doc;
  cairo_t  *cr;
  gboolean  draw;         /* FALSE: the pass that only counts pages */
  double    page_width, page_height;
  double    left, width, top, bottom;
  double    y;
  guint     page;         /* from 1 */
  guint     n_pages;      /* known in the drawing pass */
  char     *title;
} PdfDoc;

static PangoLayout *
pdf_layout (PdfDoc     *p,
            const char *text,
            double      size,
            gboolean    bold,
            double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (p->cr);
  PangoFontDescription *font = pango_font_description_from_string (PDF_FONT);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static void
pdf_decorate (PdfDoc *p)
{
  g_autofree char *footer = NULL;
  PangoLayout *layout;
  int w, h;

  if (!p->draw)
    return;
  cairo_save (p->cr);
  cairo_set_source_rgb (p->cr, 0.4, 0.4, 0.4);
  layout = pdf_layout (p, p->title, 8.5, FALSE, p->width * 0.7);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  cairo_move_to (p->cr, p->left, PDF_MARGIN - PDF_HEADER + 4);
  pango_cairo_show_layout (p->cr, layout);
  g_object_unref (layout);
  layout = pdf_layout (p, "Easel model card", 8.5, FALSE, p->width);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (p->cr, p->left + p->width - w, PDF_MARGIN - PDF_HEADER + 4);
  pango_cairo_show_layout (p->cr, layout);
  g_object_unref (layout);
  cairo_set_line_width (p->cr, 0.6);
  cairo_move_to (p->cr, p->left, PDF_MARGIN - PDF_HEADER + 6 + h);
  cairo_line_to (p->cr, p->left + p->width, PDF_MARGIN - PDF_HEADER + 6 + h);
  cairo_stroke (p->cr);
  footer = g_strdup_printf ("Page %u of %u", p->page, p->n_pages);
  layout = pdf_layout (p, footer, 8.5, FALSE, p->width);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (p->cr, p->left + (p->width - w) / 2, p->page_height - PDF_MARGIN + PDF_FOOTER - h);
  pango_cairo_show_layout (p->cr, layout);
  g_object_unref (layout);
  cairo_restore (p->cr);
}

static void
pdf_new_page (PdfDoc *p)
{
  if (p->draw)
    cairo_show_page (p->cr);
  p->page++;
  p->y = p->top;
  pdf_decorate (p);
}

static void
pdf_ensure (PdfDoc *p,
            double  height)
{
  if (p->y + height > p->bottom && p->y > p->top)
    pdf_new_page (p);
}

/* Text that wraps at 'width' and flows onto the next pages line by line. */
static void
pdf_text (PdfDoc     *p,
          const char *text,
          double      size,
          gboolean    bold,
          double      indent,
          double      grey)
{
  PangoLayout *layout = pdf_layout (p, text, size, bold, p->width - indent);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double offset = 0;  /* layout y at the top of the current page's part */

  do
    {
      PangoRectangle logical;
      double top, bottom, baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = (double) logical.y / PANGO_SCALE;
      bottom = (double) (logical.y + logical.height) / PANGO_SCALE;
      baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      if (p->y + (bottom - offset) > p->bottom && p->y + (top - offset) > p->top)
        {
          p->y += top - offset;
          pdf_new_page (p);
          offset = top;
        }
      if (p->draw)
        {
          cairo_save (p->cr);
          cairo_set_source_rgb (p->cr, grey, grey, grey);
          cairo_move_to (p->cr, p->left + indent + (double) logical.x / PANGO_SCALE,
                         p->y + baseline - offset);
          pango_cairo_show_layout_line (p->cr, pango_layout_iter_get_line_readonly (iter));
          cairo_restore (p->cr);
        }
    }
  while (pango_layout_iter_next_line (iter));
  {
    int w, h;
    pango_layout_get_size (layout, &w, &h);
    p->y += (double) h / PANGO_SCALE - offset;
  }
  pango_layout_iter_free (iter);
  g_object_unref (layout);
}

static void
pdf_heading (Doc        *doc,
             int         level,
             const char *text)
{
  PdfDoc *p = (PdfDoc *) doc;
  double size = level == 1 ? 20 : level == 2 ? 14.5 : 12;

  /* A heading never ends a page: keep room for it and what follows it (a section's
   * heading is often followed by an evaluation's heading, then a field). */
  p->y += level == 1 ? 0 : level == 2 ? 16 : 10;
  pdf_ensure (p, size * 1.4 + (level == 2 ? 90 : 70));
  pdf_text (p, text, size, TRUE, 0, level == 1 ? 0.0 : 0.1);
  if (level == 2 && p->draw)
    {
      cairo_save (p->cr);
      cairo_set_source_rgb (p->cr, 0.21, 0.52, 0.89);
      cairo_set_line_width (p->cr, 1.2);
      cairo_move_to (p->cr, p->left, p->y + 2);
      cairo_line_to (p->cr, p->left + p->width, p->y + 2);
      cairo_stroke (p->cr);
      cairo_restore (p->cr);
    }
  p->y += level == 1 ? 10 : 8;
}

static void
pdf_field (Doc        *doc,
           const char *label,
           const char *value)
{
  PdfDoc *p = (PdfDoc *) doc;

  pdf_ensure (p, 34);
  pdf_text (p, label, 9.5, TRUE, 0, 0.27);
  p->y += 1;
  if (value == NULL)
    pdf_text (p, "Not filled in.", 10, FALSE, 10, 0.55);
  else
    pdf_text (p, value, 10, FALSE, 10, 0.1);
  p->y += 7;
}

#define PDF_CELL_PADDING 4.0

/* The height of a table row; drawn too when 'draw'. */
static double
pdf_row (PdfDoc            *p,
         const char *const *texts,
         guint              n_cols,
         const double      *widths,
         gboolean           head,
         gboolean           draw)
{
  PangoLayout *layouts[8];
  double row = 0, x = p->left;

  for (guint c = 0; c < n_cols; c++)
    {
      int w, h;
      layouts[c] = pdf_layout (p, texts[c], 9, head, widths[c] - 2 * PDF_CELL_PADDING);
      pango_layout_get_size (layouts[c], &w, &h);
      row = MAX (row, (double) h / PANGO_SCALE + 2 * PDF_CELL_PADDING);
    }
  if (draw && p->draw)
    {
      cairo_save (p->cr);
      if (head)
        {
          cairo_set_source_rgb (p->cr, 0.95, 0.95, 0.95);
          cairo_rectangle (p->cr, p->left, p->y, p->width, row);
          cairo_fill (p->cr);
        }
      cairo_set_source_rgb (p->cr, 0.1, 0.1, 0.1);
      for (guint c = 0; c < n_cols; c++)
        {
          cairo_move_to (p->cr, x + PDF_CELL_PADDING, p->y + PDF_CELL_PADDING);
          pango_cairo_show_layout (p->cr, layouts[c]);
          x += widths[c];
        }
      cairo_set_source_rgb (p->cr, 0.85, 0.85, 0.85);
      cairo_set_line_width (p->cr, 0.5);
      cairo_move_to (p->cr, p->left, p->y + row);
      cairo_line_to (p->cr, p->left + p->width, p->y + row);
      cairo_stroke (p->cr);
      cairo_restore (p->cr);
    }
  for (guint c = 0; c < n_cols; c++)
    g_object_unref (layouts[c]);
  if (draw)
    p->y += row;
  return row;
}

static void
pdf_table (Doc               *doc,
           const char        *title,
           guint              n_cols,
           const char *const *header,
           GPtrArray         *cells)
{
  PdfDoc *p = (PdfDoc *) doc;
  double widths[8];

  n_cols = MIN (n_cols, G_N_ELEMENTS (widths));
  /* Names, values and notes; names and values. */
  for (guint c = 0; c < n_cols; c++)
    widths[c] = n_cols == 3 ? p->width
                                  * (c == 0   ? 0.3
                                     : c == 1 ? 0.2
                                              : 0.5)
                            : p->width * (c == 0 ? 0.4 : 0.6);
  /* Room for the title, the header and a row or two. */
  pdf_ensure (p, 70);
  if (title != NULL)
    {
      pdf_text (p, title, 9.5, TRUE, 0, 0.27);
      p->y += 3;
    }
  pdf_row (p, header, n_cols, widths, TRUE, TRUE);
  for (guint i = 0; i + n_cols <= cells->len; i += n_cols)
    {
      const char *const *texts = (const char *const *) &cells->pdata[i];
      double row = pdf_row (p, texts, n_cols, widths, FALSE, FALSE);

      /* A table that goes on over a page break starts again with its header. */
      if (p->y + row > p->bottom && p->y > p->top)
        {
          pdf_new_page (p);
          pdf_row (p, header, n_cols, widths, TRUE, TRUE);
        }
      pdf_row (p, texts, n_cols, widths, FALSE, TRUE);
    }
  p->y += 10;
}

static void
pdf_chart (Doc        *doc,
           EaselChart *chart,
           const char *caption,
           guint       n_items)
{
  PdfDoc *p = (PdfDoc *) doc;
  gboolean square = easel_chart_get_kind (chart) != EASEL_CHART_BAR;
  double width = square ? MIN (p->width, 380) : p->width;
  double height = square ? width * 0.82 : bar_chart_height (n_items);

  pdf_ensure (p, height + (caption ? 24 : 6));
  if (p->draw)
    {
      cairo_save (p->cr);
      cairo_translate (p->cr, p->left, p->y);
      cairo_rectangle (p->cr, 0, 0, width, height);
      cairo_clip (p->cr);
      easel_chart_render (chart, p->cr, width, height);
      cairo_restore (p->cr);
    }
  p->y += height + 4;
  if (caption != NULL)
    pdf_text (p, caption, 8.5, FALSE, 0, 0.4);
  p->y += 10;
}

static const DocOps pdf_ops = { pdf_heading, pdf_field, pdf_table, pdf_chart };

static guint
pdf_pass (const EaselCard *card,
          cairo_t         *cr,
          double           page_width,
          double           page_height,
          gboolean         draw,
          guint            n_pages)
{
  g_autofree char *ref = easel_card_dup_model_ref (card);
  PdfDoc           p = { { &pdf_ops },
                         cr,
                         draw,
                         page_width,
                         page_height,
                         PDF_MARGIN,
                         page_width - 2 * PDF_MARGIN,
                         PDF_MARGIN + 4,
                         page_height - PDF_MARGIN - 4,
                         0,
                         1,
                         n_pages,
                         NULL };

  p.title = g_strdup_printf ("Model card: %s", ref);
  p.y = p.top;
  pdf_decorate (&p);
  walk_card (&p.doc, card);
  if (draw)
    cairo_show_page (cr);
  g_free (p.title);
  return p.page;
}

static cairo_status_t
discard (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  (void) closure;
  (void) data;
  (void) length;
  return CAIRO_STATUS_SUCCESS;
}

guint
easel_card_render_pages (const EaselCard *card,
                         cairo_surface_t *surface,
                         double           page_width,
                         double           page_height)
{
  guint n_pages;

  /* First count the pages (on a surface of the same kind, so text measures the same), then
   * draw them with "Page n of N". */
  {
    cairo_surface_t *counting
        = cairo_pdf_surface_create_for_stream (discard, NULL, page_width, page_height);
    cairo_t *cr = cairo_create (counting);
    n_pages = pdf_pass (card, cr, page_width, page_height, FALSE, 0);
    cairo_destroy (cr);
    cairo_surface_finish (counting);
    cairo_surface_destroy (counting);
  }
  {
    cairo_t *cr = cairo_create (surface);
    pdf_pass (card, cr, page_width, page_height, TRUE, n_pages);
    cairo_destroy (cr);
  }
  return n_pages;
}

gboolean
easel_card_write_pdf (const EaselCard  *card,
                      const char       *path,
                      EaselPaper        paper,
                      GError          **error)
{
  double width = paper == EASEL_PAPER_LETTER ? 612 : 595.276;
  double height = paper == EASEL_PAPER_LETTER ? 792 : 841.89;
  cairo_surface_t *surface = cairo_pdf_surface_create (path, width, height);
  cairo_status_t status = cairo_surface_status (surface);
  g_autofree char *ref = easel_card_dup_model_ref (card);
  g_autofree char *title = g_strdup_printf ("Model card: %s", ref);

  if (status == CAIRO_STATUS_SUCCESS)
    {
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Easel");
      easel_card_render_pages (card, surface, width, height);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot write %s: %s.", display,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
