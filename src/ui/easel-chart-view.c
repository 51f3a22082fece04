/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-chart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "easel-notice.h"
#include "easel-chart-view.h"
#include "easel-worker.h"

/* A spinner only for work that takes long enough to be noticed. */
#define SPINNER_DELAY_MS 250
/* Before the widget has a size, charts are prepared for this one. */
#define DEFAULT_WIDTH 640
#define DEFAULT_HEIGHT 400

typedef enum
{
  JOB_BUILD,
  JOB_PREPARE,
  JOB_SAVE,
} JobKind;

/* What a worker gets: it owns the chart while it runs. */
typedef struct
{
  JobKind              kind;
  guint                serial;
  EaselChart          *chart;
  EaselChartBuildFunc  build;
  gpointer             build_data;
  GDestroyNotify       build_destroy;
  EaselChartStyle      style;
  double               width, height, scale;
  char                *path;        /* JOB_SAVE */
  GTask               *save_task;   /* JOB_SAVE: the caller's task */
} Job;

typedef struct
{
  EaselChart *chart;
  gboolean    saved;
  GError     *save_error;
} JobResult;

struct _EaselChartView
{
  GtkWidget        parent_instance;

  /* Owned */
  EaselChart      *chart;          /* NULL while a worker has it */
  GCancellable    *cancellable;    /* of the current build */
  GskRenderNode   *node;           /* the last drawing, kept while a worker prepares */
  GtkWidget       *spinner;
  GtkWidget       *message;
  char            *error;
  char            *placeholder;
  GtkNativeDialog *chooser;
  char            *export_basename;

  /* State */
  double           aspect;         /* natural height per unit of width; 0 = none */
  EaselChartStyle  style;
  gboolean         has_style;
  guint            serial;         /* bumps for each chart asked for */
  gboolean         chart_out;      /* a worker holds the chart */
  int              width, height;  /* allocated */
  int              node_width, node_height;
  guint            spinner_timeout;
};

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  ACTIVATE_POINT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EaselChartView, easel_chart_view, GTK_TYPE_WIDGET)

static void start_prepare (EaselChartView *self);

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_pointer (&job->chart, easel_chart_free);
  if (job->build_destroy != NULL && job->build_data != NULL)
    job->build_destroy (job->build_data);
  g_free (job->path);
  g_clear_object (&job->save_task);
  g_free (job);
}

static void
job_result_free (gpointer data)
{
  JobResult *result = data;

  g_clear_pointer (&result->chart, easel_chart_free);
  g_clear_error (&result->save_error);
  g_free (result);
}

/* Style */

static EaselRgba
rgba_from_gdk (const GdkRGBA *color)
{
  EaselRgba c = { color->red, color->green, color->blue, color->alpha };

  return c;
}

static EaselRgba
with_alpha (EaselRgba color,
            double    alpha)
{
  color.alpha = alpha;
  return color;
}

/* 'top' over 'bottom', made opaque: what a translucent card looks like on the window */
static EaselRgba
composite (const GdkRGBA *top,
           const GdkRGBA *bottom)
{
  EaselRgba c = {
    top->red * top->alpha + bottom->red * (1 - top->alpha),
    top->green * top->alpha + bottom->green * (1 - top->alpha),
    top->blue * top->alpha + bottom->blue * (1 - top->alpha),
    1.0,
  };

  return c;
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
compute_style (EaselChartView  *self,
               EaselChartStyle *style)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  g_autofree char *font_name = NULL;
  GdkRGBA fg, card, window, accent;

  if (dark)
    easel_chart_style_init_dark (style);
  else
    easel_chart_style_init_light (style);

  /* Text and lines in the theme's foreground, at the strengths the plot library picked */
  gtk_style_context_get_color (context, &fg);
  style->foreground = with_alpha (rgba_from_gdk (&fg), style->foreground.alpha);
  style->muted = with_alpha (rgba_from_gdk (&fg), style->muted.alpha);
  style->grid = with_alpha (rgba_from_gdk (&fg), style->grid.alpha);
  style->axis = with_alpha (rgba_from_gdk (&fg), style->axis.alpha);

  /* Charts sit on cards: the card's colour, opaque, so that exports look the same */
  if (gtk_style_context_lookup_color (context, "card_bg_color", &card) &&
      gtk_style_context_lookup_color (context, "window_bg_color", &window))
    style->background = composite (&card, &window);

  /* A single series in the accent colour, as the rest of the interface */
  if (gtk_style_context_lookup_color (context, "accent_bg_color", &accent))
    style->palette[0] = rgba_from_gdk (&accent);

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-font-name", &font_name,
                NULL);
  if (font_name != NULL)
    {
      g_autoptr(PangoFontDescription) font = pango_font_description_from_string (font_name);
      const char *family = pango_font_description_get_family (font);

      if (family != NULL && family[0] != '\0')
        g_snprintf (style->font_family, sizeof style->font_family, "%s, Sans", family);
    }
}
G_GNUC_END_IGNORE_DEPRECATIONS

static gboolean
update_style (EaselChartView *self)
{
  EaselChartStyle style;

  compute_style (self, &style);
  if (self->has_style && memcmp (&style, &self->style, sizeof style) == 0)
    return FALSE;

  self->style = style;
  self->has_style = TRUE;
  return TRUE;
}

/* Busy state */

static gboolean
spinner_timeout_cb (gpointer user_data)
{
  EaselChartView *self = user_data;

  self->spinner_timeout = 0;
  gtk_widget_set_visible (self->spinner, TRUE);
  gtk_spinner_start (GTK_SPINNER (self->spinner));

  return G_SOURCE_REMOVE;
}

static void
update_busy (EaselChartView *self,
             gboolean        was_busy)
{
  gboolean busy = easel_chart_view_get_busy (self);

  if (busy && self->spinner_timeout == 0 && !gtk_widget_get_visible (self->spinner))
    self->spinner_timeout = g_timeout_add (SPINNER_DELAY_MS, spinner_timeout_cb, self);
  if (!busy)
    {
      g_clear_handle_id (&self->spinner_timeout, g_source_remove);
      gtk_spinner_stop (GTK_SPINNER (self->spinner));
      gtk_widget_set_visible (self->spinner, FALSE);
    }

  if (busy != was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
update_message (EaselChartView *self)
{
  const char *text = self->error != NULL ? self->error : self->placeholder;

  gtk_label_set_label (GTK_LABEL (self->message), text != NULL ? text : "");
  gtk_widget_set_visible (self->message, text != NULL && self->chart == NULL &&
                                         !self->chart_out);
}

static void
update_accessible (EaselChartView *self)
{
  const char *title = NULL;

  if (self->chart != NULL)
    title = easel_chart_get_title (self->chart);
  if (title == NULL)
    title = self->error != NULL ? self->error : _("Chart");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
}

static void
drop_node (EaselChartView *self)
{
  g_clear_pointer (&self->node, gsk_render_node_unref);
}

/* Workers */

static void
size_for_chart (EaselChartView *self,
                double         *width,
                double         *height,
                double         *scale)
{
  *width = self->width > 0 ? self->width : DEFAULT_WIDTH;
  *height = self->height > 0 ? self->height : DEFAULT_HEIGHT;
  *scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
}

static void
job_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  JobResult *result;

  if (job->kind == JOB_BUILD)
    {
      job->chart = job->build (job->build_data, cancellable, &error);
      if (job->chart == NULL)
        {
          if (error == NULL)
            g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED,
                                 _("The chart could not be drawn."));
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      easel_chart_set_style (job->chart, &job->style);
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  result = g_new0 (JobResult, 1);
  if (job->kind == JOB_SAVE)
    {
      g_autofree char *lower = g_ascii_strdown (job->path, -1);
      /* a PNG at twice the size, so that its text stays sharp on a HiDPI screen */
      double factor = g_str_has_suffix (lower, ".png") ? 2.0 : 1.0;

      easel_chart_set_scale (job->chart, factor);
      result->saved = easel_chart_save (job->chart, job->path, (int) (job->width * factor),
                                        (int) (job->height * factor), &result->save_error);
      easel_chart_set_scale (job->chart, 1.0);
    }

  easel_chart_prepare (job->chart, job->width, job->height, job->scale);
  result->chart = g_steal_pointer (&job->chart);
  g_task_return_pointer (task, result, job_result_free);
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *res,
             gpointer      user_data)
{
  EaselChartView *self = EASEL_CHART_VIEW (object);
  Job *job = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  gboolean was_busy = easel_chart_view_get_busy (self);
  JobResult *result;
  gboolean current = job->serial == self->serial;

  result = g_task_propagate_pointer (G_TASK (res), &error);

  if (job->kind == JOB_SAVE && job->save_task != NULL)
    {
      if (result == NULL)
        g_task_return_error (job->save_task, g_error_copy (error));
      else if (!result->saved)
        g_task_return_error (job->save_task, g_steal_pointer (&result->save_error));
      else
        g_task_return_boolean (job->save_task, TRUE);
    }

  /* The widget went away while the worker ran. */
  if (self->message == NULL)
    {
      g_clear_pointer (&result, job_result_free);
      return;
    }

  if (current)
    self->chart_out = FALSE;

  if (!current)
    {
      /* Another chart was asked for meanwhile: this one is stale. */
      g_clear_pointer (&result, job_result_free);
      update_busy (self, was_busy);
      return;
    }

  if (result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_free (self->error);
          self->error = g_strdup (error->message);
        }
      drop_node (self);
      update_message (self);
      update_accessible (self);
      update_busy (self, was_busy);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  g_clear_pointer (&self->chart, easel_chart_free);
  self->chart = g_steal_pointer (&result->chart);
  job_result_free (result);
  drop_node (self);
  update_message (self);
  update_accessible (self);

  /* The size or the style may have changed while the worker ran. */
  if (update_style (self))
    easel_chart_set_style (self->chart, &self->style);
  start_prepare (self);

  update_busy (self, was_busy);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
run_job (EaselChartView *self,
         Job            *job,
         GCancellable   *cancellable)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, job_done_cb, NULL);

  job->serial = self->serial;
  size_for_chart (self, &job->width, &job->height, &job->scale);
  g_task_set_task_data (task, job, job_free);
  g_task_set_source_tag (task, run_job);
  easel_worker_run_task (task, job_in_thread);
}

/* Hands the chart to a worker when drawing it at the current size needs new data. */
static void
start_prepare (EaselChartView *self)
{
  gboolean was_busy = easel_chart_view_get_busy (self);
  double width, height, scale;
  Job *job;

  if (self->chart == NULL || self->chart_out)
    return;

  size_for_chart (self, &width, &height, &scale);
  if (!easel_chart_needs_prepare (self->chart, width, height, scale))
    return;

  job = g_new0 (Job, 1);
  job->kind = JOB_PREPARE;
  job->chart = g_steal_pointer (&self->chart);
  self->chart_out = TRUE;
  run_job (self, job, NULL);
  update_busy (self, was_busy);
}

/* Drops the chart shown and any result on its way. */
static void
reset (EaselChartView *self)
{
  self->serial++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->chart, easel_chart_free);
  g_clear_pointer (&self->error, g_free);
  self->chart_out = FALSE;
  drop_node (self);
}

/* Signal callbacks */

static void
dark_changed_cb (EaselChartView *self)
{
  /* The stylesheet changes after this notification: look at the colours when drawing. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
query_tooltip_cb (EaselChartView *self,
                  int             x,
                  int             y,
                  gboolean        keyboard,
                  GtkTooltip     *tooltip)
{
  g_autofree char *text = NULL;

  if (keyboard)
    return FALSE;

  text = easel_chart_view_describe_point (self, x, y);
  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   EaselChartView  *self)
{
  if (n_press == 1)
    easel_chart_view_activate_point (self, x, y);
}

static void
chooser_response_cb (EaselChartView  *self,
                     int              response,
                     GtkNativeDialog *chooser);

/* Overrides */

static void
easel_chart_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  EaselChartView *self = EASEL_CHART_VIEW (widget);
  int child_min = 0, child_nat = 0;

  gtk_widget_measure (self->message, orientation, -1, &child_min, &child_nat, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (child_min, 160);
      *natural = MAX (child_nat, 480);
    }
  else
    {
      *minimum = MAX (child_min, 120);
      /* Only the natural height follows the width: a chart may always shrink. */
      if (self->aspect > 0 && for_size > 0)
        *natural = MAX (*minimum, (int) (for_size * self->aspect));
      else
        *natural = MAX (child_nat, 320);
    }
}

static GtkSizeRequestMode
easel_chart_view_get_request_mode (GtkWidget *widget)
{
  return EASEL_CHART_VIEW (widget)->aspect > 0 ? GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH
                                               : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
easel_chart_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  EaselChartView *self = EASEL_CHART_VIEW (widget);
  gboolean resized = width != self->width || height != self->height;

  self->width = width;
  self->height = height;
  gtk_widget_allocate (self->spinner, width, height, -1, NULL);
  gtk_widget_allocate (self->message, width, height, -1, NULL);

  if (resized)
    start_prepare (self);
}

static void
easel_chart_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  EaselChartView *self = EASEL_CHART_VIEW (widget);
  int width = self->width;
  int height = self->height;

  if (self->chart != NULL && update_style (self))
    {
      /* the last drawing stands in until the worker has the new colours ready */
      easel_chart_set_style (self->chart, &self->style);
      start_prepare (self);
    }

  if (self->chart != NULL && width > 0 && height > 0 &&
      (self->node == NULL || self->node_width != width || self->node_height != height))
    {
      GtkSnapshot *chart_snapshot = gtk_snapshot_new ();
      cairo_t *cr;

      cr = gtk_snapshot_append_cairo (chart_snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      easel_chart_render (self->chart, cr, width, height);
      cairo_destroy (cr);

      drop_node (self);
      self->node = gtk_snapshot_free_to_node (chart_snapshot);
      self->node_width = width;
      self->node_height = height;
    }

  if (self->node != NULL)
    {
      /* While a worker prepares another size, the last drawing stands in. */
      gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      gtk_snapshot_append_node (snapshot, self->node);
      gtk_snapshot_pop (snapshot);
    }

  gtk_widget_snapshot_child (widget, self->message, snapshot);
  gtk_widget_snapshot_child (widget, self->spinner, snapshot);
}

static void
easel_chart_view_dispose (GObject *object)
{
  EaselChartView *self = EASEL_CHART_VIEW (object);

  reset (self);
  g_clear_handle_id (&self->spinner_timeout, g_source_remove);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  g_clear_pointer (&self->spinner, gtk_widget_unparent);
  g_clear_pointer (&self->message, gtk_widget_unparent);

  G_OBJECT_CLASS (easel_chart_view_parent_class)->dispose (object);
}

static void
easel_chart_view_finalize (GObject *object)
{
  EaselChartView *self = EASEL_CHART_VIEW (object);

  g_clear_pointer (&self->placeholder, g_free);
  g_clear_pointer (&self->export_basename, g_free);

  G_OBJECT_CLASS (easel_chart_view_parent_class)->finalize (object);
}

static void
easel_chart_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EaselChartView *self = EASEL_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, easel_chart_view_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_chart_view_class_init (EaselChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = easel_chart_view_dispose;
  object_class->finalize = easel_chart_view_finalize;
  object_class->get_property = easel_chart_view_get_property;

  widget_class->measure = easel_chart_view_measure;
  widget_class->get_request_mode = easel_chart_view_get_request_mode;
  widget_class->size_allocate = easel_chart_view_size_allocate;
  widget_class->snapshot = easel_chart_view_snapshot;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A click at (x, y), in widget coordinates. */
  signals[ACTIVATE_POINT] =
    g_signal_new ("activate-point", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
easel_chart_view_init (EaselChartView *self)
{
  GtkGesture *click;

  self->spinner = gtk_spinner_new ();
  gtk_widget_set_halign (self->spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (self->spinner, 32, 32);
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Drawing the chart"),
                                  -1);
  gtk_widget_set_parent (self->spinner, GTK_WIDGET (self));

  self->message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->message), TRUE);
  gtk_label_set_justify (GTK_LABEL (self->message), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (self->message), 40);
  gtk_widget_set_halign (self->message, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->message, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (self->message, 24);
  gtk_widget_set_margin_end (self->message, 24);
  gtk_widget_add_css_class (self->message, "dim-label");
  gtk_widget_set_visible (self->message, FALSE);
  gtk_widget_set_parent (self->message, GTK_WIDGET (self));

  /* a card's rounded corners cut the chart's background */
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);

  update_accessible (self);
}

/* Public API */

GtkWidget *
easel_chart_view_new (void)
{
  return g_object_new (EASEL_TYPE_CHART_VIEW, NULL);
}

void
easel_chart_view_set_chart (EaselChartView *self,
                            EaselChart     *chart)
{
  gboolean was_busy;

  g_return_if_fail (EASEL_IS_CHART_VIEW (self));

  was_busy = easel_chart_view_get_busy (self);
  reset (self);
  g_clear_pointer (&self->placeholder, g_free);

  self->chart = chart;
  if (chart != NULL)
    {
      update_style (self);
      easel_chart_set_style (chart, &self->style);
      start_prepare (self);
    }

  update_message (self);
  update_accessible (self);
  update_busy (self, was_busy);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
easel_chart_view_build (EaselChartView      *self,
                        EaselChartBuildFunc  func,
                        gpointer             data,
                        GDestroyNotify       destroy)
{
  gboolean was_busy;
  Job *job;

  g_return_if_fail (EASEL_IS_CHART_VIEW (self));
  g_return_if_fail (func != NULL);

  was_busy = easel_chart_view_get_busy (self);
  reset (self);
  g_clear_pointer (&self->placeholder, g_free);
  update_style (self);

  job = g_new0 (Job, 1);
  job->kind = JOB_BUILD;
  job->build = func;
  job->build_data = data;
  job->build_destroy = destroy;
  job->style = self->style;
  self->chart_out = TRUE;
  self->cancellable = g_cancellable_new ();
  run_job (self, job, self->cancellable);

  update_message (self);
  update_accessible (self);
  update_busy (self, was_busy);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
easel_chart_view_set_placeholder (EaselChartView *self,
                                  const char     *text)
{
  gboolean was_busy;

  g_return_if_fail (EASEL_IS_CHART_VIEW (self));

  was_busy = easel_chart_view_get_busy (self);
  reset (self);
  g_free (self->placeholder);
  self->placeholder = g_strdup (text);
  update_message (self);
  update_accessible (self);
  update_busy (self, was_busy);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

EaselChart *
easel_chart_view_get_chart (EaselChartView *self)
{
  g_return_val_if_fail (EASEL_IS_CHART_VIEW (self), NULL);

  return self->chart;
}

gboolean
easel_chart_view_get_busy (EaselChartView *self)
{
  g_return_val_if_fail (EASEL_IS_CHART_VIEW (self), FALSE);

  return self->chart_out;
}

const char *
easel_chart_view_get_error (EaselChartView *self)
{
  g_return_val_if_fail (EASEL_IS_CHART_VIEW (self), NULL);

  return self->error;
}

char *
easel_chart_view_describe_point (EaselChartView *self,
                                 double          x,
                                 double          y)
{
  g_return_val_if_fail (EASEL_IS_CHART_VIEW (self), NULL);

  if (self->chart == NULL)
    return NULL;

  return easel_chart_describe_point (self->chart, x, y,
                                     gtk_widget_get_width (GTK_WIDGET (self)),
                                     gtk_widget_get_height (GTK_WIDGET (self)));
}

void
easel_chart_view_activate_point (EaselChartView *self,
                                 double          x,
                                 double          y)
{
  g_return_if_fail (EASEL_IS_CHART_VIEW (self));

  g_signal_emit (self, signals[ACTIVATE_POINT], 0, x, y);
}

gboolean
easel_chart_view_get_cell_at (EaselChartView *self,
                              double          x,
                              double          y,
                              guint           n_rows,
                              guint           n_cols,
                              guint          *row,
                              guint          *col)
{
  double gx, gy, gw, gh;

  g_return_val_if_fail (EASEL_IS_CHART_VIEW (self), FALSE);

  if (self->chart == NULL || easel_chart_get_kind (self->chart) != EASEL_CHART_HEATMAP ||
      n_rows == 0 || n_cols == 0)
    return FALSE;

  easel_chart_get_plot_area (self->chart, gtk_widget_get_width (GTK_WIDGET (self)),
                             gtk_widget_get_height (GTK_WIDGET (self)), &gx, &gy, &gw, &gh);
  if (!(gw > 0 && gh > 0) || x < gx || y < gy || x >= gx + gw || y >= gy + gh)
    return FALSE;

  *col = MIN ((guint) ((x - gx) / gw * n_cols), n_cols - 1);
  *row = MIN ((guint) ((y - gy) / gh * n_rows), n_rows - 1);
  return TRUE;
}

void
easel_chart_view_save_async (EaselChartView      *self,
                             GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  gboolean was_busy;
  char *path;
  Job *job;

  g_return_if_fail (EASEL_IS_CHART_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, easel_chart_view_save_async);

  if (self->chart == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               self->chart_out ? _("The chart is not ready yet.")
                                               : _("There is no chart to save."));
      return;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Charts can only be saved on this computer, not at “%s”."),
                               name);
      return;
    }

  was_busy = easel_chart_view_get_busy (self);
  job = g_new0 (Job, 1);
  job->kind = JOB_SAVE;
  job->path = path;
  job->save_task = g_steal_pointer (&task);
  job->chart = g_steal_pointer (&self->chart);
  self->chart_out = TRUE;
  run_job (self, job, NULL);
  update_busy (self, was_busy);
}

gboolean
easel_chart_view_save_finish (EaselChartView  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (EASEL_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Export */

static void
show_notice (EaselChartView *self,
             const char     *text,
             gboolean        is_error)
{
  AdwToast *toast = adw_toast_new (text);

  if (is_error)
    adw_toast_set_timeout (toast, 0);
  if (!easel_notice_toast (GTK_WIDGET (self), toast))
    easel_notice_dialog (GTK_WIDGET (self),
                         is_error ? _("Could Not Export the Chart") : _("Chart Exported"), text);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  EaselChartView *self = EASEL_CHART_VIEW (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = NULL;

  if (!easel_chart_view_save_finish (self, result, &error))
    {
      show_notice (self, error->message, TRUE);
      return;
    }

  /* Translators: a notice after a chart was saved; %s is the file name */
  text = g_strdup_printf (_("Saved the chart as “%s”"), name);
  show_notice (self, text, FALSE);
}

static GFile *
with_extension (GFile      *file,
                const char *extension)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *lower = g_ascii_strdown (basename, -1);
  g_autofree char *named = NULL;

  if (g_str_has_suffix (lower, ".png") || g_str_has_suffix (lower, ".svg") ||
      g_str_has_suffix (lower, ".pdf") || parent == NULL)
    return g_object_ref (file);

  named = g_strconcat (basename, extension, NULL);
  return g_file_get_child (parent, named);
}

static void
chooser_response_cb (EaselChartView  *self,
                     int              response,
                     GtkNativeDialog *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
      const char *extension = filter != NULL ? g_object_get_data (G_OBJECT (filter),
                                                                  "easel-extension")
                                             : NULL;

      if (chosen != NULL)
        {
          GFile *file = with_extension (chosen, extension != NULL ? extension : ".png");

          easel_chart_view_save_async (self, file, NULL, export_done_cb, file);
        }
    }

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type,
            const char     *extension)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strconcat ("*", extension, NULL);

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_pattern (filter, pattern);
  g_object_set_data_full (G_OBJECT (filter), "easel-extension", g_strdup (extension), g_free);
  gtk_file_chooser_add_filter (chooser, filter);
}

void
easel_chart_view_export (EaselChartView *self,
                         const char     *basename)
{
  GtkRoot *root;
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  g_return_if_fail (EASEL_IS_CHART_VIEW (self));

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (self->chooser);
      return;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  chooser = gtk_file_chooser_native_new (_("Export Chart"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  add_filter (GTK_FILE_CHOOSER (chooser), _("PNG image"), "image/png", ".png");
  add_filter (GTK_FILE_CHOOSER (chooser), _("SVG image"), "image/svg+xml", ".svg");
  add_filter (GTK_FILE_CHOOSER (chooser), _("PDF document"), "application/pdf", ".pdf");

  name = g_strconcat (basename != NULL && basename[0] != '\0' ? basename : _("chart"), ".png",
                      NULL);
  /* file names cannot hold a slash */
  g_strdelimit (name, "/", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);

  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

void
easel_chart_view_set_aspect_ratio (EaselChartView *self,
                                   double          aspect)
{
  g_return_if_fail (EASEL_IS_CHART_VIEW (self));

  self->aspect = aspect > 0 ? aspect : 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
