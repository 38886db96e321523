// The HTTP/1.1 server. Beast and Asio live only in server.cpp; this header is plain C++.
//
//   web::Router router;
//   router.get("/api/v1/htx/{code}", [&](const web::Request& req, const web::RouteParams& p) {
//     return web::Response::json(...p.at("code")...);
//   });
//   web::ServerOptions opts;
//   opts.port = 8080;
//   web::Server server(opts, router);
//   server.start();                  // binds; throws InfrastructureError if it cannot
//   std::printf("listening on %u\n", server.port());
//   server.run_until_signal();       // SIGINT/SIGTERM -> stop(); returns when stopped
//
// I/O threads only parse and write; handlers run on a bounded worker pool. Every response
// carries the security headers (a handler may set its own, stricter Content-Security-Policy).
// Built-in routes: GET /healthz, GET /metrics (they take precedence over the router's).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/i18n.hpp"
#include "web/router.hpp"

namespace htx::web {

namespace detail {
struct ServerImpl;
}

// Receives one complete log line (JSON, without the trailing newline). Called from I/O and
// worker threads, possibly concurrently: the sink must be thread-safe.
using LogSink = std::function<void(std::string_view line)>;

// The default sink: one fwrite of the line and '\n' to stderr.
void log_to_stderr(std::string_view line);

struct ServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;  // 0: the system picks a free port; Server::port() tells which
  unsigned io_threads = 2;
  unsigned worker_threads = 4;     // handlers run here (they may block on the database)
  size_t max_queued = 256;         // requests waiting for a worker beyond this get 503
  size_t max_connections = 10000;  // further connections are closed at once

  size_t body_limit = 10 * 1024 * 1024;  // bytes; over it: 413 (refused from Content-Length)
  size_t header_limit = 16 * 1024;       // bytes of request line + headers; over it: 431

  // A client must send a complete request header within read_timeout of the connection being
  // ready for it (accepted, or the previous response written); otherwise it is disconnected.
  // This is also the keep-alive idle timeout.
  std::chrono::milliseconds read_timeout{std::chrono::seconds(10)};
  std::chrono::milliseconds body_timeout{std::chrono::seconds(60)};   // to receive the body
  std::chrono::milliseconds write_timeout{std::chrono::seconds(30)};  // to send a response
  // stop(): how long in-flight requests may take to finish before the server gives up on them.
  std::chrono::milliseconds shutdown_timeout{std::chrono::seconds(10)};

  std::filesystem::path data_dir = i18n::data_dir();  // message catalogues for error pages
  LogSink log;                                        // empty: log_to_stderr
};

class Server {
 public:
  // Loads the message catalogues (throws InfrastructureError if they are missing). The router
  // must outlive the server and must not change once the server has started.
  Server(ServerOptions options, Router& router);
  ~Server();  // stops (as stop()) and waits
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the I/O and worker threads; returns at once.
  // Throws InfrastructureError when the address cannot be bound. Idempotent.
  void start();

  // The bound port (after start()); 0 before.
  uint16_t port() const;

  // Blocks until the server has stopped: start() if needed, then wait for stop() (from another
  // thread, a handler or a signal), let in-flight requests finish (at most shutdown_timeout;
  // a handler still running then cannot be killed: run() waits for it but drops its response),
  // join the threads and return. Call it once.
  void run();

  // Stops accepting connections, closes idle ones and lets in-flight requests finish; their
  // responses say Connection: close. Thread-safe, idempotent, returns at once; run() returns
  // when the shutdown is complete.
  void stop();

  // run(), with SIGINT and SIGTERM calling stop().
  void run_until_signal();

  // The /metrics text (Prometheus format).
  std::string metrics() const;

 private:
  std::unique_ptr<detail::ServerImpl> impl_;
};

}  // namespace htx::web
