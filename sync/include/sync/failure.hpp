// How a step of sync failed, and so what to do about it.
#pragma once

#include <string>

#include "content/result.hpp"

namespace published {

struct Failure {
  enum class Kind {
    refused,    // what the server sent is not trustworthy: keep the old content
    transient,  // timeouts, 408/429/5xx, lost connections: retry with backoff
    failed,     // anything else (404, a local disk error): retry next period
  };
  Kind kind = Kind::failed;
  std::string message;
  int retry_after_s = -1;  // what the server asked for, when it did
};

template <typename T>
using Attempt = content::Result<T, Failure>;

inline Failure refused(std::string message) { return {Failure::Kind::refused, std::move(message)}; }
inline Failure failed(std::string message) { return {Failure::Kind::failed, std::move(message)}; }
inline Failure transient(std::string message) {
  return {Failure::Kind::transient, std::move(message)};
}

}  // namespace published
