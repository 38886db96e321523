// A fixed set of threads with a bounded queue: request handlers run here, never on the I/O
// threads, so a handler blocked on the database holds a worker and nothing else.
#pragma once

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
  size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace htx::web
