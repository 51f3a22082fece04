/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Progress of one long job: a fraction in [0, 1] and a short message.
 *
 * The worker calls easel_progress_report() as often as it likes, from any thread; the
 * notify callback runs on the reporting thread at most once per 'interval' (default 50 ms),
 * so a UI can schedule a single idle from it and read easel_progress_get() there.
 * Every function accepts a NULL EaselProgress and then does nothing. */
typedef struct _EaselProgress EaselProgress;

typedef void (*EaselProgressNotify) (EaselProgress *progress, gpointer user_data);

EaselProgress *easel_progress_new         (EaselProgressNotify notify,
                                           gpointer            user_data,
                                           GDestroyNotify      destroy);
EaselProgress *easel_progress_ref         (EaselProgress      *progress);
void           easel_progress_unref       (EaselProgress      *progress);
/* Sub-ranges: a callee reports 0..1 and the caller sees it mapped into [lo, hi]. */
void           easel_progress_push_range  (EaselProgress      *progress,
                                           double              lo,
                                           double              hi);
void           easel_progress_pop_range   (EaselProgress      *progress);
void           easel_progress_report      (EaselProgress      *progress,
                                           double              fraction,
                                           const char         *message);
/* Returns the latest fraction; *message (if not NULL) gets a newly allocated copy. */
double         easel_progress_get         (EaselProgress      *progress,
                                           char              **message);
/* Seconds since the progress was created. */
double         easel_progress_elapsed     (EaselProgress      *progress);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselProgress, easel_progress_unref)

G_END_DECLS
