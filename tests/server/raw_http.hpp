// A TCP client that sends exactly the bytes a test gives, at the pace it
// chooses, for what no well-behaved HTTP client would send: trickled
// headers, pipelines, endless chunked bodies, huge request lines.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace server_test {

class RawConnection {
 public:
  // Connects to 127.0.0.1:`port`, from `source` (any 127.x.y.z, so a test
  // can be a second client address on loopback). Throws when it cannot.
  explicit RawConnection(int port, const std::string& source = "127.0.0.1");
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // Sends all of `bytes`; false when the server closed the connection.
  bool send(std::string_view bytes);
  // Everything received until the server closes or `wait` passes with
  // nothing new (at most `limit` bytes).
  std::string receive(std::chrono::milliseconds wait, std::size_t limit = 64 << 20);
  // True when the server has closed the connection within `wait`
  // (anything it sent first is read and dropped).
  bool closed_within(std::chrono::milliseconds wait);

 private:
  int fd_ = -1;
};

// "GET path HTTP/1.1" with Host and `extra` header lines, and a blank line.
std::string get_request(const std::string& path, const std::string& extra = "");

// One GET from `source`, answered within `wait`: the status, or 0 when no
// complete status line came back.
int status_of_get(int port, const std::string& path, const std::string& source,
                  std::chrono::milliseconds wait);

}  // namespace server_test
