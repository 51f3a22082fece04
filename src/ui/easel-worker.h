/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "easel-progress.h"

G_BEGIN_DECLS

/* One computation on a worker thread, with its progress mirrored on the main thread as
 * the "fraction" and "message" properties. The function runs once; its result is handed
 * to the callback, which is the place to drop it when it has gone stale. */
#define EASEL_TYPE_WORKER (easel_worker_get_type ())
G_DECLARE_FINAL_TYPE (EaselWorker, easel_worker, EASEL, WORKER, GObject)

/* Runs on the worker thread: returns the result, or NULL with 'error' set. 'data' is only
 * read there; nothing else may change it meanwhile. */
typedef gpointer (*EaselWorkerFunc) (gpointer        data,
                                     EaselProgress  *progress,
                                     GCancellable   *cancellable,
                                     GError        **error);

/* Starts 'func (data)'. 'data_free' frees 'data' when the worker is done with it (on either
 * thread); 'result_free' frees a result that nobody took. The callback gets the worker as
 * its source object. */
EaselWorker *easel_worker_run          (EaselWorkerFunc      func,
                                        gpointer             data,
                                        GDestroyNotify       data_free,
                                        GDestroyNotify       result_free,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* The result (owned by the caller now), or NULL with 'error' set. */
gpointer     easel_worker_finish       (EaselWorker         *self,
                                        GAsyncResult        *result,
                                        GError             **error);
double       easel_worker_get_fraction (EaselWorker         *self);
const char  *easel_worker_get_message  (EaselWorker         *self);

/* Runs 'func' for 'task' (as g_task_run_in_thread() would) on one of Easel's background
 * threads. They run at a lower priority than the interface, as do the OpenMP threads they
 * start, so that long computations never starve the main loop on a machine with few
 * cores. The background thread hands its reference to the task back to the task's main
 * context: the task, its source object and its data are never finalized on that thread. */
void         easel_worker_run_task     (GTask               *task,
                                        GTaskThreadFunc      func);

G_END_DECLS
