/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-card-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "easel-notice.h"
#include "easel-card-page.h"
#include "easel-card-render.h"
#include "easel-worker.h"

/* The preview follows the typing closely; the project gets a revision once it stops. */
#define PREVIEW_DELAY_MS 150
#define SAVE_DELAY_MS 1200

#define FIELD_PATH "easel-card-field"

struct _EaselCardPage
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkStack       *content_stack;
  AdwStatusPage  *error_page;
  GtkLabel       *title_label;
  GtkLabel       *state_label;
  GtkMenuButton  *export_button;
  GtkWidget      *fields_box;
  GtkTextView    *preview_view;

  /* Owned */
  EaselProject   *project;
  char           *name;
  guint           version;
  EaselCard      *card;
  EaselCard      *autofill;        /* the card as Easel fills it in from the model */
  guint           revision;
  GHashTable     *field_widgets;   /* path → widget (borrowed) */
  GHashTable     *auto_marks;      /* path → its "Filled in by Easel" label (borrowed) */
  GCancellable   *cancellable;
  GtkNativeDialog *export_chooser;
  char           *last_error;
  char           *last_notice;

  guint           preview_timeout;
  guint           save_timeout;
  guint           n_running;
  gboolean        dirty;
  gboolean        populating;
};

G_DEFINE_FINAL_TYPE (EaselCardPage, easel_card_page, GTK_TYPE_WIDGET)

typedef struct
{
  EaselProject *project;
  char         *name;
  guint         version;
} LoadWork;

typedef struct
{
  EaselCard    *card;
  EaselCard    *autofill;
  guint         revision;
} LoadResult;

typedef struct
{
  EaselCard *card;
  char      *format;
  char      *path;
} ExportWork;

static const char *const export_formats[] = { "md", "html", "pdf", "json" };

/* Helpers */

static void
load_work_free (gpointer data)
{
  LoadWork *work = data;

  g_clear_pointer (&work->project, easel_project_unref);
  g_free (work->name);
  g_free (work);
}

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;

  g_clear_pointer (&result->card, easel_card_free);
  g_clear_pointer (&result->autofill, easel_card_free);
  g_free (result);
}

static void
export_work_free (gpointer data)
{
  ExportWork *work = data;

  g_clear_pointer (&work->card, easel_card_free);
  g_free (work->format);
  g_free (work->path);
  g_free (work);
}

static void
set_notice (EaselCardPage *self,
            const char    *notice)
{
  g_free (self->last_notice);
  self->last_notice = g_strdup (notice);
  easel_notice_toast (GTK_WIDGET (self), adw_toast_new (notice));
}

static void
show_error_dialog (EaselCardPage *self,
                   const char    *heading,
                   const char    *message)
{
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  easel_notice_dialog (GTK_WIDGET (self), heading, message);
}

static gboolean
is_read_only (EaselCardPage *self)
{
  return self->project == NULL || easel_project_is_read_only (self->project);
}

static void
update_state (EaselCardPage *self)
{
  g_autofree char *state = NULL;

  if (self->project != NULL && easel_project_is_read_only (self->project))
    state = g_strdup (_("Read-only project: the card can be read and exported"));
  else if (self->dirty)
    state = g_strdup (_("Edited — saving…"));
  else if (self->revision > 0)
    /* Translators: the stored revision of a model card */
    state = g_strdup_printf (_("Revision %u, saved in the project"), self->revision);
  else
    state = g_strdup (_("Filled in from the model; your edits are saved in the project"));
  gtk_label_set_label (self->state_label, state);
}

static void
update_preview (EaselCardPage *self)
{
  g_autofree char *markdown = NULL;

  if (self->card == NULL)
    return;

  markdown = easel_card_to_markdown (self->card);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->preview_view), markdown, -1);
}

static gboolean
preview_timeout_cb (gpointer user_data)
{
  EaselCardPage *self = user_data;

  self->preview_timeout = 0;
  update_preview (self);

  return G_SOURCE_REMOVE;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  EaselCardPage *self = user_data;

  self->save_timeout = 0;
  easel_card_page_save_now (self);

  return G_SOURCE_REMOVE;
}

/* A field whose text is still what Easel filled in says so; a person's edit removes the
 * mark (and putting the text back restores it). */
static void
update_auto_mark (EaselCardPage *self,
                  const char    *path)
{
  GtkWidget *mark = g_hash_table_lookup (self->auto_marks, path);
  const char *filled = self->autofill != NULL ? easel_card_get_string (self->autofill, path)
                                              : NULL;
  const char *value = self->card != NULL ? easel_card_get_string (self->card, path) : NULL;

  if (mark != NULL)
    gtk_widget_set_visible (mark, filled != NULL && filled[0] != '\0'
                                  && g_strcmp0 (filled, value) == 0);
}

static GtkWidget *
auto_mark_new (EaselCardPage *self,
               const char    *path)
{
  GtkWidget *mark = gtk_label_new (_("Filled in by Easel"));

  gtk_widget_add_css_class (mark, "caption");
  gtk_widget_add_css_class (mark, "card-auto");
  gtk_widget_set_valign (mark, GTK_ALIGN_CENTER);
  g_hash_table_insert (self->auto_marks, (gpointer) path, mark);
  return mark;
}

static void
field_changed (EaselCardPage *self,
               GtkWidget     *widget,
               const char    *value)
{
  const char *path = g_object_get_data (G_OBJECT (widget), FIELD_PATH);
  g_autoptr(GError) error = NULL;

  if (self->populating || self->card == NULL || path == NULL)
    return;

  if (!easel_card_set_field (self->card, path, value, &error))
    {
      gtk_widget_add_css_class (widget, "error");
      gtk_widget_set_tooltip_text (widget, error->message);
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
      return;
    }
  gtk_widget_remove_css_class (widget, "error");
  update_auto_mark (self, path);

  self->dirty = TRUE;
  update_state (self);
  g_clear_handle_id (&self->preview_timeout, g_source_remove);
  self->preview_timeout = g_timeout_add (PREVIEW_DELAY_MS, preview_timeout_cb, self);
  g_clear_handle_id (&self->save_timeout, g_source_remove);
  self->save_timeout = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
entry_changed_cb (GtkEditable   *editable,
                  EaselCardPage *self)
{
  field_changed (self, GTK_WIDGET (editable), gtk_editable_get_text (editable));
}

static void
combo_selected_cb (AdwComboRow   *row,
                   GParamSpec    *pspec,
                   EaselCardPage *self)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  if (item != NULL)
    field_changed (self, GTK_WIDGET (row), gtk_string_object_get_string (item));
}

static void
buffer_changed_cb (GtkTextBuffer *buffer,
                   GtkWidget     *view)
{
  EaselCardPage *self = EASEL_CARD_PAGE (gtk_widget_get_ancestor (view, EASEL_TYPE_CARD_PAGE));
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  field_changed (self, view, text);
}

static GtkWidget *
create_text_row (EaselCardPage        *self,
                 const EaselCardField *field,
                 const char           *value)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->title));
  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _(field->hint), -1);
  g_object_set_data (G_OBJECT (row), FIELD_PATH, (gpointer) field->path);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), auto_mark_new (self, field->path));
  g_signal_connect (row, "changed", G_CALLBACK (entry_changed_cb), self);
  g_hash_table_insert (self->field_widgets, (gpointer) field->path, row);

  return row;
}

static GtkWidget *
create_choice_row (EaselCardPage        *self,
                   const EaselCardField *field,
                   const char           *value)
{
  GtkWidget *row = adw_combo_row_new ();
  GtkStringList *choices = gtk_string_list_new ((const char * const *) field->choices);
  guint selected = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; field->choices[i] != NULL; i++)
    if (g_strcmp0 (field->choices[i], value) == 0)
      selected = i;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->title));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(field->hint));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_object_unref (choices);
  g_object_set_data (G_OBJECT (row), FIELD_PATH, (gpointer) field->path);
  g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
  g_hash_table_insert (self->field_widgets, (gpointer) field->path, row);

  return row;
}

/* A title over a multi-line text view, as a row of the section's boxed list. */
static GtkWidget *
create_long_text_row (EaselCardPage        *self,
                      const EaselCardField *field,
                      const char           *value)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_(field->title));
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->title));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "caption");
  gtk_widget_add_css_class (title, "dim-label");

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_set_size_request (view, -1, 56);
  gtk_widget_add_css_class (view, "card-text");
  gtk_text_buffer_set_text (buffer, value != NULL ? value : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(field->title),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(field->hint),
                                  GTK_ACCESSIBLE_PROPERTY_MULTI_LINE, TRUE,
                                  -1);
  g_object_set_data (G_OBJECT (view), FIELD_PATH, (gpointer) field->path);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (buffer_changed_cb), view, 0);
  g_hash_table_insert (self->field_widgets, (gpointer) field->path, view);

  {
    GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

    gtk_widget_set_hexpand (title, TRUE);
    gtk_box_append (GTK_BOX (heading), title);
    gtk_box_append (GTK_BOX (heading), auto_mark_new (self, field->path));
    gtk_box_append (GTK_BOX (box), heading);
  }
  gtk_box_append (GTK_BOX (box), view);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static void
clear_fields (EaselCardPage *self)
{
  GtkWidget *child;

  g_hash_table_remove_all (self->field_widgets);
  g_hash_table_remove_all (self->auto_marks);
  while ((child = gtk_widget_get_first_child (self->fields_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->fields_box), child);
}

static void
populate_fields (EaselCardPage *self)
{
  const char *const *sections = easel_card_sections ();
  const EaselCardField *fields;
  guint n_fields;

  clear_fields (self);
  fields = easel_card_fields (&n_fields);
  self->populating = TRUE;

  for (guint s = 0; sections[s] != NULL; s++)
    {
      GtkWidget *group = adw_preferences_group_new ();
      g_autofree char *prefix = g_strconcat (sections[s], ".", NULL);
      guint n_rows = 0;

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                       _(easel_card_section_title (sections[s])));
      for (guint i = 0; i < n_fields; i++)
        {
          const EaselCardField *field = &fields[i];
          const char *value = easel_card_get_string (self->card, field->path);
          GtkWidget *row;

          if (!g_str_has_prefix (field->path, prefix))
            continue;
          if (field->kind == EASEL_CARD_FIELD_CHOICE)
            row = create_choice_row (self, field, value);
          else if (field->kind == EASEL_CARD_FIELD_LONG_TEXT)
            row = create_long_text_row (self, field, value);
          else
            row = create_text_row (self, field, value);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          update_auto_mark (self, field->path);
          n_rows++;
        }
      if (n_rows == 0)
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                               _("Filled in by Easel from the model and its "
                                                 "evaluation: see the preview."));
      gtk_box_append (GTK_BOX (self->fields_box), group);
    }

  self->populating = FALSE;
  gtk_widget_set_sensitive (self->fields_box, !is_read_only (self));
}

static void
set_running (EaselCardPage *self,
             gboolean       running)
{
  if (running)
    self->n_running++;
  else
    self->n_running--;
}

/* Signal callbacks */

static gpointer
load_in_thread (gpointer        data,
                EaselProgress  *progress,
                GCancellable   *cancellable,
                GError        **error)
{
  LoadWork *work = data;
  LoadResult *result = g_new0 (LoadResult, 1);

  result->card = easel_card_load (work->project, work->name, work->version, 0,
                                  &result->revision, error);
  if (result->card == NULL)
    {
      load_result_free (result);
      return NULL;
    }
  /* What Easel fills in, to mark the fields that still hold it: the card itself when no
   * one has saved it yet, else the model's card made anew. */
  if (result->revision == 0)
    result->autofill = easel_card_copy (result->card);
  else
    {
      g_autoptr(EaselModel) model = easel_project_load_model (work->project, work->name,
                                                              work->version, NULL);
      g_autoptr(GPtrArray) infos = easel_project_list_models (work->project, NULL);
      const char *dataset = NULL;

      for (guint i = 0; infos != NULL && i < infos->len; i++)
        {
          const EaselModelInfo *info = infos->pdata[i];
          if (g_strcmp0 (info->name, work->name) == 0 && info->version == work->version)
            dataset = info->dataset;
        }
      if (model != NULL)
        result->autofill = easel_card_new_for_model (model, work->name, work->version,
                                                     dataset, NULL);
    }

  return result;
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(EaselCardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  LoadResult *loaded = easel_worker_finish (EASEL_WORKER (object), result, &error);
  g_autofree char *ref = NULL;

  set_running (self, FALSE);
  if (loaded == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
      return;
    }

  g_clear_pointer (&self->card, easel_card_free);
  g_clear_pointer (&self->autofill, easel_card_free);
  self->card = g_steal_pointer (&loaded->card);
  self->autofill = g_steal_pointer (&loaded->autofill);
  self->revision = loaded->revision;
  self->dirty = FALSE;
  load_result_free (loaded);

  ref = easel_card_dup_model_ref (self->card);
  gtk_label_set_label (self->title_label, ref);
  populate_fields (self);
  update_preview (self);
  update_state (self);
  gtk_stack_set_visible_child_name (self->content_stack, "card");
}

static gpointer
export_in_thread (gpointer        data,
                  EaselProgress  *progress,
                  GCancellable   *cancellable,
                  GError        **error)
{
  ExportWork *work = data;
  g_autofree char *text = NULL;

  if (g_str_equal (work->format, "pdf"))
    {
      const char *paper_name = gtk_paper_size_get_default ();
      EaselPaper paper = g_strcmp0 (paper_name, GTK_PAPER_NAME_LETTER) == 0
                         ? EASEL_PAPER_LETTER : EASEL_PAPER_A4;

      if (!easel_card_write_pdf (work->card, work->path, paper, error))
        return NULL;
      return g_strdup (work->path);
    }

  if (g_str_equal (work->format, "md"))
    text = easel_card_to_markdown (work->card);
  else if (g_str_equal (work->format, "html"))
    text = easel_card_to_html (work->card);
  else
    {
      g_autofree char *json = easel_card_to_json (work->card, TRUE);

      text = g_strconcat (json, "\n", NULL);
    }

  if (!g_file_set_contents (work->path, text, -1, error))
    return NULL;

  return g_strdup (work->path);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(EaselCardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = easel_worker_finish (EASEL_WORKER (object), result, &error);
  g_autofree char *base = NULL;
  g_autofree char *display = NULL;
  g_autofree char *notice = NULL;

  set_running (self, FALSE);
  if (path == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error_dialog (self, _("Could Not Export the Model Card"), error->message);
      return;
    }

  base = g_path_get_basename (path);
  display = g_filename_display_name (base);
  /* Translators: a notice after an export; %s is a file name */
  notice = g_strdup_printf (_("Exported “%s”"), display);
  set_notice (self, notice);
}

static void
export_chooser_response_cb (EaselCardPage   *self,
                            int              response,
                            GtkNativeDialog *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      const char *format = g_object_get_data (G_OBJECT (chooser), "easel-format");

      if (file != NULL)
        easel_card_page_export (self, format, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->export_chooser);
}

/* Actions */

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EaselCardPage *self = EASEL_CARD_PAGE (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *ref = NULL;
  g_autofree char *file_name = NULL;
  GtkFileChooserNative *chooser;

  if (self->card == NULL || !g_strv_contains (export_formats, format))
    return;

  if (self->export_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->export_chooser);
      g_clear_object (&self->export_chooser);
    }

  gtk_file_filter_add_suffix (filter, format);
  if (g_str_equal (format, "md"))
    gtk_file_filter_set_name (filter, _("Markdown"));
  else if (g_str_equal (format, "html"))
    gtk_file_filter_set_name (filter, _("Web Page (HTML)"));
  else if (g_str_equal (format, "pdf"))
    gtk_file_filter_set_name (filter, _("PDF Document"));
  else
    gtk_file_filter_set_name (filter, _("JSON (SageMaker Model Card)"));

  ref = easel_card_dup_model_ref (self->card);
  g_strdelimit (ref, "@/", '-');
  file_name = g_strdup_printf ("%s-card.%s", ref, format);

  chooser = gtk_file_chooser_native_new (_("Export the Model Card"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  g_object_set_data_full (G_OBJECT (chooser), "easel-format", g_strdup (format), g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);

  self->export_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->export_chooser);
}

/* Overrides */

static void
easel_card_page_dispose (GObject *object)
{
  EaselCardPage *self = EASEL_CARD_PAGE (object);

  /* What was typed last is not lost when the window closes. */
  if (self->dirty)
    easel_card_page_save_now (self);
  g_clear_handle_id (&self->preview_timeout, g_source_remove);
  g_clear_handle_id (&self->save_timeout, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->export_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->export_chooser);
      g_clear_object (&self->export_chooser);
    }

  gtk_widget_dispose_template (GTK_WIDGET (object), EASEL_TYPE_CARD_PAGE);
  g_clear_pointer (&self->project, easel_project_unref);

  G_OBJECT_CLASS (easel_card_page_parent_class)->dispose (object);
}

static void
easel_card_page_finalize (GObject *object)
{
  EaselCardPage *self = EASEL_CARD_PAGE (object);

  g_clear_pointer (&self->card, easel_card_free);
  g_clear_pointer (&self->autofill, easel_card_free);
  g_clear_pointer (&self->field_widgets, g_hash_table_unref);
  g_clear_pointer (&self->auto_marks, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_free (self->name);
  g_free (self->last_error);
  g_free (self->last_notice);

  G_OBJECT_CLASS (easel_card_page_parent_class)->finalize (object);
}

static void
easel_card_page_class_init (EaselCardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = easel_card_page_dispose;
  object_class->finalize = easel_card_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/easelstudio/Easel/"
                                               "easel-card-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EaselCardPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, EaselCardPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, EaselCardPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, EaselCardPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, EaselCardPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, EaselCardPage, fields_box);
  gtk_widget_class_bind_template_child (widget_class, EaselCardPage, preview_view);

  gtk_widget_class_install_action (widget_class, "card.export", "s", export_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cardpage");
}

static void
easel_card_page_init (EaselCardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->field_widgets = g_hash_table_new (g_str_hash, g_str_equal);
  self->auto_marks = g_hash_table_new (g_str_hash, g_str_equal);
  self->cancellable = g_cancellable_new ();
}

/* Public API */

GtkWidget *
easel_card_page_new (void)
{
  return g_object_new (EASEL_TYPE_CARD_PAGE, NULL);
}

void
easel_card_page_set_model (EaselCardPage *self,
                           EaselProject  *project,
                           const char    *name,
                           guint          version)
{
  g_autoptr(EaselWorker) worker = NULL;
  LoadWork *work;

  g_return_if_fail (EASEL_IS_CARD_PAGE (self));

  if (self->dirty)
    easel_card_page_save_now (self);
  g_clear_handle_id (&self->save_timeout, g_source_remove);
  g_clear_handle_id (&self->preview_timeout, g_source_remove);

  /* A card still loading is not wanted any more. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_clear_pointer (&self->card, easel_card_free);
  g_clear_pointer (&self->project, easel_project_unref);
  g_clear_pointer (&self->name, g_free);
  self->revision = 0;
  self->dirty = FALSE;
  clear_fields (self);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->preview_view), "", -1);

  if (project == NULL || name == NULL)
    return;

  self->project = easel_project_ref (project);
  self->name = g_strdup (name);
  self->version = version;
  gtk_stack_set_visible_child_name (self->content_stack, "loading");

  work = g_new0 (LoadWork, 1);
  work->project = easel_project_ref (project);
  work->name = g_strdup (name);
  work->version = version;
  set_running (self, TRUE);
  worker = easel_worker_run (load_in_thread, work, load_work_free, load_result_free,
                             self->cancellable, load_done_cb, g_object_ref (self));
}

EaselProject *
easel_card_page_get_project (EaselCardPage *self)
{
  g_return_val_if_fail (EASEL_IS_CARD_PAGE (self), NULL);

  return self->project;
}

char *
easel_card_page_dup_model_ref (EaselCardPage *self)
{
  g_return_val_if_fail (EASEL_IS_CARD_PAGE (self), NULL);

  if (self->name == NULL)
    return NULL;

  return g_strdup_printf ("%s@%u", self->name, self->version);
}

gboolean
easel_card_page_get_busy (EaselCardPage *self)
{
  g_return_val_if_fail (EASEL_IS_CARD_PAGE (self), FALSE);

  return self->n_running > 0;
}

gboolean
easel_card_page_get_dirty (EaselCardPage *self)
{
  g_return_val_if_fail (EASEL_IS_CARD_PAGE (self), FALSE);

  return self->dirty;
}

gboolean
easel_card_page_save_now (EaselCardPage *self)
{
  g_autoptr(GError) error = NULL;
  guint revision;

  g_return_val_if_fail (EASEL_IS_CARD_PAGE (self), FALSE);

  g_clear_handle_id (&self->save_timeout, g_source_remove);
  if (!self->dirty || self->card == NULL || is_read_only (self))
    return !self->dirty;

  revision = easel_card_save (self->card, self->project, self->name, self->version,
                              g_get_user_name (), &error);
  if (revision == 0)
    {
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
      if (self->state_label != NULL)
        gtk_label_set_label (self->state_label, error->message);
      return FALSE;
    }

  self->revision = revision;
  self->dirty = FALSE;
  if (self->state_label != NULL)
    update_state (self);

  return TRUE;
}

void
easel_card_page_export (EaselCardPage *self,
                        const char    *format,
                        GFile         *file)
{
  g_autoptr(EaselWorker) worker = NULL;
  ExportWork *work;

  g_return_if_fail (EASEL_IS_CARD_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->card == NULL || !g_strv_contains (export_formats, format))
    return;

  work = g_new0 (ExportWork, 1);
  work->card = easel_card_copy (self->card);
  work->format = g_strdup (format);
  work->path = g_file_get_path (file);
  if (work->path == NULL)
    {
      export_work_free (work);
      show_error_dialog (self, _("Could Not Export the Model Card"),
                         _("Model cards can only be exported to a folder on this computer."));
      return;
    }

  set_running (self, TRUE);
  worker = easel_worker_run (export_in_thread, work, export_work_free, g_free,
                             self->cancellable, export_done_cb, g_object_ref (self));
}

const EaselCard *
easel_card_page_get_card (EaselCardPage *self)
{
  g_return_val_if_fail (EASEL_IS_CARD_PAGE (self), NULL);

  return self->card;
}

guint
easel_card_page_get_revision (EaselCardPage *self)
{
  g_return_val_if_fail (EASEL_IS_CARD_PAGE (self), 0);

  return self->revision;
}

GtkWidget *
easel_card_page_get_field_widget (EaselCardPage *self,
                                  const char    *path)
{
  g_return_val_if_fail (EASEL_IS_CARD_PAGE (self), NULL);

  return g_hash_table_lookup (self->field_widgets, path);
}

char *
easel_card_page_dup_preview_text (EaselCardPage *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (EASEL_IS_CARD_PAGE (self), NULL);

  buffer = gtk_text_view_get_buffer (self->preview_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

gboolean
easel_card_page_is_autofilled (EaselCardPage *self,
                               const char    *path)
{
  GtkWidget *mark;

  g_return_val_if_fail (EASEL_IS_CARD_PAGE (self), FALSE);

  mark = g_hash_table_lookup (self->auto_marks, path);
  return mark != NULL && gtk_widget_get_visible (mark);
}

const char *
easel_card_page_get_last_error (EaselCardPage *self)
{
  g_return_val_if_fail (EASEL_IS_CARD_PAGE (self), NULL);

  return self->last_error;
}

const char *
easel_card_page_get_last_notice (EaselCardPage *self)
{
  g_return_val_if_fail (EASEL_IS_CARD_PAGE (self), NULL);

  return self->last_notice;
}
