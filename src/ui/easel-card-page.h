/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "easel-card.h"
#include "easel-project.h"

G_BEGIN_DECLS

/* A model version's card: its editable fields grouped by the card's six sections, a live
 * Markdown preview, and Export… (Markdown, HTML, PDF, JSON, written on a worker thread).
 * Edits are stored in the project as a new revision a moment after the typing stops (and
 * when another card is shown); a read-only project's card can be read and exported only. */
#define EASEL_TYPE_CARD_PAGE (easel_card_page_get_type ())
G_DECLARE_FINAL_TYPE (EaselCardPage, easel_card_page, EASEL, CARD_PAGE, GtkWidget)

GtkWidget       *easel_card_page_new               (void);
/* Loads the card of 'name' at 'version' on a worker thread (NULL project: none). */
void             easel_card_page_set_model         (EaselCardPage *self,
                                                    EaselProject  *project,
                                                    const char    *name,
                                                    guint          version);
EaselProject    *easel_card_page_get_project       (EaselCardPage *self);
/* "name@version", or NULL */
char            *easel_card_page_dup_model_ref     (EaselCardPage *self);
/* Whether a card is loading or an export runs. */
gboolean         easel_card_page_get_busy          (EaselCardPage *self);
/* Stores pending edits now; FALSE (with the reason in the page) if they could not be. */
gboolean         easel_card_page_save_now          (EaselCardPage *self);
/* Whether edits wait to be stored. */
gboolean         easel_card_page_get_dirty         (EaselCardPage *self);
/* Exports to 'file' on a worker thread: "md", "html", "pdf" or "json". */
void             easel_card_page_export            (EaselCardPage *self,
                                                    const char    *format,
                                                    GFile         *file);

/* For tests: the card shown, the revision stored last (0: none yet), the widget that
 * edits a field (an AdwEntryRow, AdwComboRow or GtkTextView), the preview's text, and the
 * last error or notice. */
const EaselCard *easel_card_page_get_card          (EaselCardPage *self);
guint            easel_card_page_get_revision      (EaselCardPage *self);
GtkWidget       *easel_card_page_get_field_widget  (EaselCardPage *self,
                                                    const char    *path);
char            *easel_card_page_dup_preview_text  (EaselCardPage *self);
/* Whether the field still holds what Easel filled in (and is marked so on the page). */
gboolean         easel_card_page_is_autofilled     (EaselCardPage *self,
                                                    const char    *path);
const char      *easel_card_page_get_last_error    (EaselCardPage *self);
const char      *easel_card_page_get_last_notice   (EaselCardPage *self);

G_END_DECLS
