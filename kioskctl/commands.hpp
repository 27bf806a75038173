// kioskctl's commands. Each returns the process exit code:
// 0 done, 1 refused or failed, 2 usage error.
#pragma once

namespace kioskctl {

int cmd_import(int argc, char** argv);
int cmd_search(int argc, char** argv);
int cmd_show(int argc, char** argv);
int cmd_stats(int argc, char** argv);
int cmd_keygen(int argc, char** argv);
int cmd_publish(int argc, char** argv);
int cmd_verify(int argc, char** argv);
int cmd_telex(int argc, char** argv);
int cmd_sync(int argc, char** argv);
int cmd_feedback(int argc, char** argv);
int cmd_rotate_key(int argc, char** argv);
int cmd_pin_hash(int argc, char** argv);

}  // namespace kioskctl
