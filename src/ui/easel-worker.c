/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-worker"

#include "config.h"

#include <sys/resource.h>
#include <unistd.h>

#include "easel-worker.h"

/* How much lower than the interface background threads run (a nice value, 0..19). */
#define BACKGROUND_NICENESS 10
/* Background threads: the profiles, correlations and insights may all run at once, with
 * a chart or two besides. */
#define MIN_BACKGROUND_THREADS 4

typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
} PoolItem;

struct _EaselWorker
{
  GObject          parent_instance;

  /* Set once, then read by the worker thread */
  EaselWorkerFunc  func;
  gpointer         data;
  GDestroyNotify   data_free;
  GDestroyNotify   result_free;
  EaselProgress   *progress;

  /* Main thread */
  double           fraction;
  char            *message;
  gboolean         running;

  /* Shared with the worker: whether a progress idle is already scheduled */
  int              idle_pending;
};

enum {
  PROP_0,
  PROP_FRACTION,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (EaselWorker, easel_worker, G_TYPE_OBJECT)

/* The reference goes with the source (its destroy notify), run or not. */
static gboolean
release_task_cb (gpointer data G_GNUC_UNUSED)
{
  return G_SOURCE_REMOVE;
}

static void
pool_thread_func (gpointer data,
                  gpointer user_data)
{
  static GPrivate lowered;
  PoolItem *item = data;
  g_autoptr(GSource) release = NULL;

  /* Once per thread: the pool is exclusive, so these threads never run other work. */
  if (g_private_get (&lowered) == NULL)
    {
      setpriority (PRIO_PROCESS, (id_t) gettid (), BACKGROUND_NICENESS);
      g_private_set (&lowered, GINT_TO_POINTER (TRUE));
    }

  item->func (item->task, g_task_get_source_object (item->task),
              g_task_get_task_data (item->task), g_task_get_cancellable (item->task));

  /* This reference may well be the task's last one: once its callback has run, the task
   * only waits for this thread to let go. Dropped here, it would finalize the task's
   * source object (a widget that went away meanwhile), its data (a table) and its
   * callback's data on this thread while the interface thread may still use them; so the
   * thread that made the task lets go of it instead. */
  release = g_idle_source_new ();
  g_source_set_priority (release, G_PRIORITY_DEFAULT);
  g_source_set_callback (release, release_task_cb, item->task, g_object_unref);
  g_source_set_static_name (release, "[easel] release a background task");
  g_source_attach (release, g_task_get_context (item->task));
  g_free (item);
}

void
easel_worker_run_task (GTask           *task,
                       GTaskThreadFunc  func)
{
  static GThreadPool *pool;
  PoolItem *item;

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  if (g_once_init_enter (&pool))
    {
      GThreadPool *new_pool;
      g_autoptr(GError) error = NULL;

      new_pool = g_thread_pool_new (pool_thread_func, NULL,
                                    (int) MAX (g_get_num_processors (), MIN_BACKGROUND_THREADS),
                                    TRUE, &error);
      if (new_pool == NULL)
        g_error ("Cannot start the background threads: %s", error->message);
      g_once_init_leave (&pool, new_pool);
    }

  item = g_new0 (PoolItem, 1);
  item->task = g_object_ref (task);
  item->func = func;
  g_thread_pool_push (pool, item, NULL);
}

static gboolean
progress_idle_cb (gpointer user_data)
{
  EaselWorker *self = user_data;
  g_autofree char *message = NULL;
  double fraction;

  g_atomic_int_set (&self->idle_pending, FALSE);
  if (!self->running)
    return G_SOURCE_REMOVE;

  fraction = easel_progress_get (self->progress, &message);
  if (fraction != self->fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (g_strcmp0 (message, self->message) != 0)
    {
      g_free (self->message);
      self->message = g_steal_pointer (&message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }

  return G_SOURCE_REMOVE;
}

/* Worker thread: at most one idle waits on the main loop, however often work reports. */
static void
progress_notify_cb (EaselProgress *progress,
                    gpointer       user_data)
{
  EaselWorker *self = user_data;

  if (g_atomic_int_compare_and_exchange (&self->idle_pending, FALSE, TRUE))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, progress_idle_cb, g_object_ref (self),
                     g_object_unref);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  EaselWorker *self = source_object;
  g_autoptr(GError) error = NULL;
  gpointer result;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = self->func (self->data, self->progress, cancellable, &error);
  if (result == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "No result");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, result, self->result_free);
}

static void
easel_worker_finalize (GObject *object)
{
  EaselWorker *self = EASEL_WORKER (object);

  if (self->data_free != NULL && self->data != NULL)
    self->data_free (self->data);
  g_clear_pointer (&self->progress, easel_progress_unref);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (easel_worker_parent_class)->finalize (object);
}

static void
easel_worker_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EaselWorker *self = EASEL_WORKER (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_worker_class_init (EaselWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = easel_worker_finalize;
  object_class->get_property = easel_worker_get_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
easel_worker_init (EaselWorker *self)
{
}

static void
worker_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  EaselWorker *self = EASEL_WORKER (object);
  GTask *task = G_TASK (result);
  GAsyncReadyCallback callback = g_task_get_task_data (task);

  self->running = FALSE;
  callback (object, result, user_data);
}

EaselWorker *
easel_worker_run (EaselWorkerFunc      func,
                  gpointer             data,
                  GDestroyNotify       data_free,
                  GDestroyNotify       result_free,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  EaselWorker *self;
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (func != NULL, NULL);
  g_return_val_if_fail (callback != NULL, NULL);

  self = g_object_new (EASEL_TYPE_WORKER, NULL);
  self->func = func;
  self->data = data;
  self->data_free = data_free;
  self->result_free = result_free;
  self->progress = easel_progress_new (progress_notify_cb, self, NULL);
  self->running = TRUE;

  /* the task's own callback marks the worker done before the caller's runs */
  task = g_task_new (self, cancellable, worker_done_cb, user_data);
  g_task_set_task_data (task, callback, NULL);
  g_task_set_source_tag (task, easel_worker_run);
  g_task_set_return_on_cancel (task, FALSE);
  easel_worker_run_task (task, run_in_thread);

  return self;
}

gpointer
easel_worker_finish (EaselWorker   *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (EASEL_IS_WORKER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

double
easel_worker_get_fraction (EaselWorker *self)
{
  g_return_val_if_fail (EASEL_IS_WORKER (self), 0);

  return self->fraction;
}

const char *
easel_worker_get_message (EaselWorker *self)
{
  g_return_val_if_fail (EASEL_IS_WORKER (self), NULL);

  return self->message;
}
