// A fixed set of threads with a bounded queue: request handlers run here, never on the I/O
// threads, so a handler blocked on the database holds a worker and nothing else.
//
// Handing a task to a sleeping thread costs a futex wake-up and a context switch on both sides,
// more than a cached response costs to build. So an idle worker first spins for a short while
// (at most one at a time, yielding the CPU) before it sleeps, and try_submit wakes a sleeping
// worker only when the queue holds more tasks than there are spinning workers to take them.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace htx::web {

class WorkerPool {
 public:
  WorkerPool(size_t threads, size_t max_queued);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues task; false when max_queued tasks are already waiting or the pool is shut down.
  bool try_submit(std::function<void()> task);

  // Stops taking tasks, discards those not yet started and waits for the running ones.
  void shutdown();

  size_t running() const;
  size_t queued() const;

 private:
  void work();

  const size_t max_queued_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  std::atomic<size_t> queued_{0};  // queue_.size(), readable without the mutex (spinners)
  size_t running_ = 0;
  size_t spinning_ = 0;  // workers spinning for a task (under mutex_)
  size_t sleeping_ = 0;  // workers waiting on ready_ (under mutex_)
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace htx::web
