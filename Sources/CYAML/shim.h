// libyaml (https://pyyaml.org/wiki/LibYAML), the system's copy: Debian's libyaml-dev.
#include <yaml.h>
