// The commands of kiosk-server; each gets main's argc/argv and returns the
// exit code: 0 done, 1 failed, 2 usage error.
#pragma once

namespace kiosk_server::cli {

// `first` is the index of the first option (after "serve", when given).
int cmd_serve(int argc, char** argv, int first);
int cmd_export(int argc, char** argv);
int cmd_kiosks(int argc, char** argv);
int cmd_misses(int argc, char** argv);
int cmd_user(int argc, char** argv);

}  // namespace kiosk_server::cli
