// The only translation unit that includes Beast/Asio (they cost ~10 s of compile time each).
// Everything that does not need them lives in server_support, metrics, worker_pool and router.
#include "web/server.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cctype>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "web/metrics.hpp"
#include "web/server_support.hpp"
#include "web/worker_pool.hpp"

namespace htx::web {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
// Each I/O thread runs its own io_context (one thread each: no strands, no locking between I/O
// threads); a connection lives on one of them for its whole life. The concrete executor type
// (rather than any_io_executor) spares a type-erased call per asynchronous operation.
using IoExecutor = asio::io_context::executor_type;
using Stream = beast::basic_stream<tcp, IoExecutor, beast::unlimited_rate_policy>;
using Socket = asio::basic_stream_socket<tcp, IoExecutor>;

void log_to_stderr(std::string_view line) {
  std::string buf;
  buf.reserve(line.size() + 1);
  buf.append(line).push_back('\n');
  std::fwrite(buf.data(), 1, buf.size(), stderr);
}

namespace {

bool is_parse_error(const beast::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_method).category() &&
         ec != http::error::end_of_stream && ec != http::error::partial_message;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The request line and header fields (the body, if any, is moved separately).
Request request_from_header(const http::request<http::string_body>& msg) {
  Request r;
  r.method_text = std::string(msg.method_string());
  r.method = parse_method(r.method_text);
  r.target = std::string(msg.target());
  r.version = msg.version();
  for (auto& field : msg)
    r.headers.add(std::string(field.name_string()), std::string(field.value()));
  return r;
}

}  // namespace

namespace detail {

class Session;

struct ServerImpl {
  ServerImpl(ServerOptions o, Router& r)
      : opts(std::move(o)),
        router(r),
        pages(opts.data_dir),
        log(opts.log ? opts.log : log_to_stderr) {
    for (unsigned i = 0; i < std::max(1u, opts.io_threads); ++i)
      iocs.push_back(std::make_unique<asio::io_context>(1));
  }

  void start();
  void stop();
  void wait_and_join();
  void do_accept();
  void on_accept(beast::error_code ec, Socket socket);
  void write_log(const std::string& line) {
    try {
      log(line);
    } catch (...) {
      // A failing log sink must not take the server down.
    }
  }

  // Session bookkeeping (sessions unregister in their destructor).
  void add_session(Session* s, std::weak_ptr<Session> w) {
    std::lock_guard lock(sessions_mutex);
    sessions.emplace(s, std::move(w));
  }
  void remove_session(Session* s) {
    {
      std::lock_guard lock(sessions_mutex);
      sessions.erase(s);
    }
    sessions_cv.notify_all();
  }

  // Declaration order matters: sessions touch the members above ioc when they are destroyed,
  // which may happen inside ~io_context; the pool (holding sessions) goes first.
  ServerOptions opts;
  Router& router;
  ErrorPages pages;
  LogSink log;
  Metrics metrics;
  std::atomic<bool> stopping{false};
  std::atomic<uint16_t> bound_port{0};

  std::mutex sessions_mutex;
  std::condition_variable sessions_cv;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;

  std::mutex state_mutex;
  std::condition_variable state_cv;
  bool started = false;
  bool stop_requested = false;
  std::once_flag joined;

  // One io_context per I/O thread; the acceptor, its retry timer and the signal set live on the
  // first. Connections are spread over them in turn.
  std::vector<std::unique_ptr<asio::io_context>> iocs;
  std::vector<asio::executor_work_guard<IoExecutor>> work;
  size_t next_ioc = 0;  // used by the acceptor only (one thread)
  std::optional<asio::basic_socket_acceptor<tcp, IoExecutor>> acceptor;
  std::optional<asio::steady_timer> accept_retry;
  std::vector<std::thread> io_threads;
  std::unique_ptr<WorkerPool> pool;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(ServerImpl& srv, Socket socket) : srv_(srv), stream_(std::move(socket)) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = ep.address().to_string();
    stream_.socket().set_option(tcp::no_delay(true), ec);
    srv_.metrics.connection_opened();
  }

  ~Session() {
    if (in_flight_) srv_.metrics.in_flight_add(-1);
    srv_.metrics.connection_closed();
    srv_.remove_session(this);
  }

  void start() {
    srv_.add_session(this, weak_from_this());
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->do_read(); });
  }

  // From Server::stop(): idle connections close now, busy ones after their response.
  void on_stop() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      self->close_after_ = true;
      if (!self->busy_) self->close_now();
    });
  }

 private:
  void do_read() {
    busy_ = false;
    if (srv_.stopping) return close_now();
    request_ = Request{};
    request_.method = Method::kOther;  // until a request line is parsed
    close_after_ = false;
    error_.clear();
    parser_.emplace();
    parser_->header_limit(
        static_cast<std::uint32_t>(std::min<size_t>(srv_.opts.header_limit, UINT32_MAX)));
    parser_->body_limit(srv_.opts.body_limit);
    stream_.expires_after(srv_.opts.read_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->on_header(ec); });
  }

  void begin_request() {
    busy_ = true;
    started_ = Clock::now();
    if (!in_flight_) srv_.metrics.in_flight_add(1);
    in_flight_ = true;
  }

  void on_header(beast::error_code ec) {
    if (ec) {
      if (ec == beast::error::timeout) {
        srv_.metrics.read_timed_out();
        return close_now();  // slow or idle client: no answer, just free the connection
      }
      if (ec == http::error::body_limit) {
        // Content-Length over the limit, detected once the header is complete: refuse it
        // without reading the body, and close (the body would follow).
        begin_request();
        request_ = request_from_header(parser_->get());
        parse_target(request_);
        return respond_error(413, "http.payload_too_large",
                             {{"limit", format_bytes(srv_.opts.body_limit)}}, true);
      }
      if (ec == http::error::header_limit) {
        begin_request();
        return respond_error(431, "http.header_too_large", {}, true);
      }
      if (is_parse_error(ec)) {
        begin_request();
        return respond_error(400, "http.bad_request", {}, true);
      }
      return close_now();  // end of stream, reset, aborted by stop()
    }
    begin_request();
    auto& msg = parser_->get();
    request_ = request_from_header(msg);
    parse_target(request_);  // a bad target is answered below, once the body is read
    keep_alive_ = msg.keep_alive();

    if (parser_->is_done()) return on_body({});

    stream_.expires_after(srv_.opts.body_timeout);
    if (auto expect = msg[http::field::expect]; iequals(expect, "100-continue")) {
      // Raw bytes rather than a second response type: one serializer less to instantiate.
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                        [self = shared_from_this()](beast::error_code ec, size_t) {
                          if (ec) return self->close_now();
                          self->read_body();
                        });
      return;
    }
    read_body();
  }

  void read_body() {
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->on_body(ec); });
  }

  void on_body(beast::error_code ec) {
    if (ec) {
      if (ec == http::error::body_limit) {
        return respond_error(413, "http.payload_too_large",
                             {{"limit", format_bytes(srv_.opts.body_limit)}}, true);
      }
      if (ec == beast::error::timeout) srv_.metrics.read_timed_out();
      if (is_parse_error(ec)) return respond_error(400, "http.bad_request", {}, true);
      return close_now();
    }
    request_.body = std::move(parser_->get().body());
    request_.remote_address = remote_;
    dispatch_request();
  }

  void dispatch_request() {
    if (request_.raw_path.empty()) return respond_error(400, "http.bad_request", {}, false);
    const bool get_like = request_.method == Method::kGet || request_.method == Method::kHead;

    if (request_.path == "/healthz" || request_.path == "/metrics") {
      if (!get_like) return method_not_allowed("GET, HEAD");
      if (request_.path == "/healthz") return send(Response::json(R"({"status":"ok"})"));
      Response r = Response::text(srv_.metrics.render());
      r.content_type = std::string(Metrics::kContentType);
      r.headers.set("Cache-Control", "no-store");
      return send(std::move(r));
    }

    auto match = srv_.router.match(request_.method, request_.raw_path);
    if (match.kind == Router::Match::Kind::kNotFound) {
      return respond_error(404, "http.not_found", {}, false);
    }
    if (match.kind == Router::Match::Kind::kMethodNotAllowed)
      return method_not_allowed(match.allow);

    // The handler may block: run it on a worker. No read is pending while it runs, so the
    // connection needs no timer until the response is written.
    stream_.expires_never();
    auto task = [self = shared_from_this(), handler = match.handler,
                 params = std::move(match.params)]() mutable {
      std::string error;
      Response res = call_handler(*handler, self->request_, params, self->srv_.pages, &error);
      asio::post(self->stream_.get_executor(),
                 [self, res = std::move(res), error = std::move(error)]() mutable {
                   self->error_ = std::move(error);
                   self->send(std::move(res));
                 });
    };
    if (!srv_.pool->try_submit(std::move(task))) {
      srv_.metrics.rejected_busy();
      Response r = srv_.pages.make(request_, 503, "http.unavailable");
      r.headers.set("Retry-After", "5");
      send(std::move(r));
    }
  }

  void method_not_allowed(const std::string& allow) {
    Response r = srv_.pages.make(request_, 405, "http.method_not_allowed",
                                 {{"method", request_.method_text}});
    r.headers.set("Allow", allow);
    send(std::move(r));
  }

  void respond_error(int status, std::string_view key,
                     const std::map<std::string, std::string>& params, bool close) {
    if (close) close_after_ = true;
    send(srv_.pages.make(request_, status, key, params));
  }

  void send(Response res) {
    if (res.status < 200 || res.status > 599) {
      error_ = "handler returned status " + std::to_string(res.status);
      res = srv_.pages.make(request_, 500, "http.internal_error");
    }
    add_security_headers(res);
    const bool head = request_.method == Method::kHead;
    const bool keep = keep_alive_ && !close_after_ && !srv_.stopping;
    const bool http10 = request_.version == 10;
    const bool no_body = res.status == 204 || res.status == 304;
    if (no_body) res.body.clear();
    bytes_ = head ? 0 : res.body.size();
    status_ = res.status;

    // The header block is written here, in one string, rather than through Beast's
    // http::response and serializer (a node allocation per field and a buffer sequence walked
    // field by field cost more than the rest of a cached response).
    std::string& h = head_;
    h.clear();
    h += http10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    h += std::to_string(res.status);
    h += ' ';
    h += http::obsolete_reason(static_cast<http::status>(res.status));
    h += "\r\nDate: ";
    h += http_date(std::chrono::system_clock::now());
    h += "\r\n";
    for (auto& [name, value] : res.headers) {
      if (iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding") ||
          iequals(name, "Connection") || iequals(name, "Date") ||
          (iequals(name, "Content-Type") && !res.content_type.empty())) {
        continue;
      }
      if (!valid_header_name(name) || !valid_header_value(value)) {  // no header injection
        error_ += (error_.empty() ? "" : "; ") + std::string("dropped invalid header field");
        continue;
      }
      h += name;
      h += ": ";
      h += value;
      h += "\r\n";
    }
    if (!res.content_type.empty() && valid_header_value(res.content_type)) {
      h += "Content-Type: ";
      h += res.content_type;
      h += "\r\n";
    }
    if (!keep && !http10) h += "Connection: close\r\n";
    if (keep && http10) h += "Connection: keep-alive\r\n";
    if (!no_body) {  // 204 and 304 have no body and say nothing of its length
      h += "Content-Length: ";
      h += std::to_string(res.body.size());
      h += "\r\n";
    }
    h += "\r\n";
    if (head) res.body.clear();
    body_ = std::move(res.body);
    close_after_ = !keep;

    stream_.expires_after(srv_.opts.write_timeout);
    const std::array<asio::const_buffer, 2> buffers{asio::buffer(head_), asio::buffer(body_)};
    asio::async_write(stream_, buffers, [self = shared_from_this()](beast::error_code ec, size_t) {
      self->on_write(ec);
    });
  }

  void on_write(beast::error_code ec) {
    auto elapsed = std::chrono::duration<double>(Clock::now() - started_).count();
    srv_.metrics.record(request_.method, status_, elapsed);
    if (in_flight_) srv_.metrics.in_flight_add(-1);
    in_flight_ = false;
    AccessRecord rec;
    rec.time = std::chrono::system_clock::now();
    rec.method = request_.method_text.empty() ? std::string_view("-") : request_.method_text;
    rec.path = request_.raw_path.empty() ? std::string_view(request_.target) : request_.raw_path;
    if (rec.path.empty()) rec.path = "-";
    rec.status = status_;
    rec.duration_ms = elapsed * 1000;
    rec.bytes = bytes_;
    rec.remote = remote_;
    rec.error = error_;
    srv_.write_log(access_log_line(rec));
    body_.clear();
    body_.shrink_to_fit();  // a large body is not kept for the life of the connection
    busy_ = false;

    if (ec) return close_now();
    if (!close_after_) return do_read();
    // Bytes of the request may still be on their way (a refused body, a parse error): drain
    // them before closing, or the client may see a reset instead of our response.
    const bool unread = buffer_.size() > 0 || !parser_ || !parser_->is_done();
    if (unread) return linger_close();
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    close_now();
  }

  // Half-close and drain what the client still sends (up to kMaxDrain bytes, for at most 2 s),
  // so that it reads our response instead of a reset; then close.
  void linger_close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return close_now();
    stream_.expires_after(
        std::min<std::chrono::milliseconds>(srv_.opts.read_timeout, std::chrono::seconds(2)));
    drained_ = 0;
    drain();
  }

  void drain() {
    stream_.async_read_some(asio::buffer(drain_buf_),
                            [self = shared_from_this()](beast::error_code ec, size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > kMaxDrain) return self->close_now();
                              self->drain();
                            });
  }

  void close_now() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.socket().close(ec);
  }

  static constexpr size_t kMaxDrain = 1024 * 1024;

  ServerImpl& srv_;
  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string head_;  // the response being written: status line and header fields
  std::string body_;  // and its body
  std::array<char, 4096> drain_buf_{};
  size_t drained_ = 0;
  Request request_;
  std::string remote_;
  std::string error_;  // what a handler threw, for the log
  Clock::time_point started_{};
  int status_ = 0;
  size_t bytes_ = 0;
  bool busy_ = false;  // between a complete header and the response written
  bool in_flight_ = false;
  bool keep_alive_ = false;
  bool close_after_ = false;
};

// ---- ServerImpl ----

void ServerImpl::start() {
  std::lock_guard lock(state_mutex);
  if (started) return;
  const std::string where = opts.address + ":" + std::to_string(opts.port);
  beast::error_code ec;
  auto address = asio::ip::make_address(opts.address, ec);
  if (ec) throw InfrastructureError("invalid listen address " + opts.address + ": " + ec.message());
  tcp::endpoint endpoint(address, opts.port);

  const size_t n = iocs.size();
  acceptor.emplace(iocs[0]->get_executor());
  auto check = [&](const char* what) {
    if (ec)
      throw InfrastructureError(std::string("cannot listen on ") + where + " (" + what +
                                "): " + ec.message());
  };
  acceptor->open(endpoint.protocol(), ec);
  check("open");
  acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  check("reuse_address");
  acceptor->bind(endpoint, ec);
  check("bind");
  acceptor->listen(asio::socket_base::max_listen_connections, ec);
  check("listen");
  bound_port = acceptor->local_endpoint().port();
  accept_retry.emplace(acceptor->get_executor());

  pool = std::make_unique<WorkerPool>(opts.worker_threads, opts.max_queued);
  for (auto& ctx : iocs) work.push_back(asio::make_work_guard(*ctx));
  do_accept();
  for (size_t i = 0; i < n; ++i) {
    io_threads.emplace_back([this, &ctx = *iocs[i]] {
      while (true) {
        try {
          ctx.run();
          return;
        } catch (const std::exception& e) {
          write_log(event_log_line("error", "io_exception", {{"what", e.what()}}));
        }
      }
    });
  }
  started = true;
  write_log(
      event_log_line("info", "listening",
                     {{"address", opts.address}, {"port", std::to_string(bound_port.load())}}));
}

void ServerImpl::do_accept() {
  auto& ctx = *iocs[next_ioc];
  next_ioc = (next_ioc + 1) % iocs.size();
  acceptor->async_accept(
      ctx, [this](beast::error_code ec, Socket socket) { on_accept(ec, std::move(socket)); });
}

void ServerImpl::on_accept(beast::error_code ec, Socket socket) {
  if (stopping || !acceptor->is_open()) return;
  if (ec) {
    // Out of file descriptors and the like: log, wait a little, try again.
    write_log(event_log_line("warn", "accept_failed", {{"what", ec.message()}}));
    accept_retry->expires_after(std::chrono::milliseconds(50));
    accept_retry->async_wait([this](beast::error_code wait_ec) {
      if (!wait_ec && !stopping) do_accept();
    });
    return;
  }
  if (metrics.open_connections() >= static_cast<int64_t>(opts.max_connections)) {
    beast::error_code ignored;
    socket.close(ignored);
  } else {
    std::make_shared<Session>(*this, std::move(socket))->start();
  }
  do_accept();
}

void ServerImpl::stop() {
  if (stopping.exchange(true)) return;
  write_log(event_log_line("info", "stopping"));
  if (acceptor) {
    asio::post(acceptor->get_executor(), [this] {
      beast::error_code ec;
      acceptor->close(ec);
      accept_retry->cancel();
    });
  }
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(sessions_mutex);
    for (auto& [ptr, weak] : sessions) {
      if (auto s = weak.lock()) live.push_back(std::move(s));
    }
  }
  for (auto& s : live) s->on_stop();
  live.clear();  // the last reference may go here: Session's destructor takes sessions_mutex
  {
    std::lock_guard lock(state_mutex);
    stop_requested = true;
  }
  state_cv.notify_all();
}

void ServerImpl::wait_and_join() {
  {
    std::unique_lock lock(state_mutex);
    state_cv.wait(lock, [this] { return stop_requested; });
    if (!started) return;
  }
  std::call_once(joined, [this] {
    {
      // In-flight requests finish (their sessions then close); bounded by shutdown_timeout.
      std::unique_lock lock(sessions_mutex);
      bool drained =
          sessions_cv.wait_for(lock, opts.shutdown_timeout, [this] { return sessions.empty(); });
      if (!drained) {
        write_log(event_log_line("warn", "shutdown_timeout",
                                 {{"open_connections", std::to_string(sessions.size())}}));
      }
    }
    work.clear();
    for (auto& ctx : iocs) ctx->stop();
    for (auto& t : io_threads) {
      if (t.joinable()) t.join();
    }
    pool->shutdown();  // waits for handlers still running past the timeout
    write_log(event_log_line("info", "stopped"));
  });
}

}  // namespace detail

// ---- Server ----

Server::Server(ServerOptions options, Router& router)
    : impl_(std::make_unique<detail::ServerImpl>(std::move(options), router)) {}

Server::~Server() {
  impl_->stop();
  impl_->wait_and_join();
}

void Server::start() { impl_->start(); }

uint16_t Server::port() const { return impl_->bound_port; }

void Server::run() {
  impl_->start();
  impl_->wait_and_join();
}

void Server::stop() { impl_->stop(); }

void Server::run_until_signal() {
  // Registered before start(), so a signal never finds the default disposition once the
  // server is listening.
  asio::signal_set signals(*impl_->iocs[0], SIGINT, SIGTERM);
  signals.async_wait([impl = impl_.get()](beast::error_code ec, int signo) {
    if (ec) return;
    impl->write_log(event_log_line("info", "signal", {{"signal", std::to_string(signo)}}));
    impl->stop();
  });
  run();
  beast::error_code ignored;
  signals.cancel(ignored);
}

std::string Server::metrics() const { return impl_->metrics.render(); }

}  // namespace htx::web
