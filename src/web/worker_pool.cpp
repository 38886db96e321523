#include "web/worker_pool.hpp"

#include <algorithm>
#include <chrono>

namespace htx::web {
namespace {

// How long an idle worker looks for a new task before it sleeps, and how many may do so at once.
constexpr auto kSpin = std::chrono::microseconds(50);
constexpr size_t kMaxSpinning = 1;

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

}  // namespace

WorkerPool::WorkerPool(size_t threads, size_t max_queued) : max_queued_(max_queued) {
  threads = std::max<size_t>(threads, 1);
  threads_.reserve(threads);
  for (size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
}

WorkerPool::~WorkerPool() { shutdown(); }

bool WorkerPool::try_submit(std::function<void()> task) {
  bool wake;
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= max_queued_) return false;
    queue_.push_back(std::move(task));
    queued_.store(queue_.size(), std::memory_order_release);
    // A spinning worker takes the task without being woken (it re-checks the queue under the
    // mutex before it sleeps, so no task is left behind).
    wake = sleeping_ > 0 && queue_.size() > spinning_;
  }
  if (wake) ready_.notify_one();
  return true;
}

void WorkerPool::shutdown() {
  std::deque<std::function<void()>> dropped;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    dropped.swap(queue_);
    queued_.store(0, std::memory_order_release);
  }
  ready_.notify_all();
  dropped.clear();  // outside the lock: a task's captures may do work when destroyed
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
}

size_t WorkerPool::running() const {
  std::lock_guard lock(mutex_);
  return running_;
}

size_t WorkerPool::queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

void WorkerPool::work() {
  std::unique_lock lock(mutex_);
  while (true) {
    if (!queue_.empty()) {
      std::function<void()> task = std::move(queue_.front());
      queue_.pop_front();
      queued_.store(queue_.size(), std::memory_order_release);
      ++running_;
      // More waiting than spinners can take (several submitted at once): wake another worker.
      const bool more = !queue_.empty() && sleeping_ > 0 && queue_.size() > spinning_;
      lock.unlock();
      if (more) ready_.notify_one();
      try {
        task();  // the server's tasks catch their own exceptions; this is a last resort
      } catch (...) {
      }
      task = nullptr;
      lock.lock();
      --running_;
      continue;
    }
    if (stopping_) return;
    if (spinning_ < kMaxSpinning) {
      ++spinning_;
      lock.unlock();
      const auto until = std::chrono::steady_clock::now() + kSpin;
      for (unsigned i = 0; queued_.load(std::memory_order_acquire) == 0; ++i) {
        if ((i & 63) == 63) {
          if (std::chrono::steady_clock::now() >= until) break;
          std::this_thread::yield();  // on a busy machine, let the I/O threads run
        } else {
          cpu_relax();
        }
      }
      lock.lock();
      --spinning_;
      if (!queue_.empty() || stopping_) continue;
    }
    ++sleeping_;
    ready_.wait(lock);
    --sleeping_;
  }
}

}  // namespace htx::web
