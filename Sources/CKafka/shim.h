#ifndef LURKER_CKAFKA_SHIM_H
#define LURKER_CKAFKA_SHIM_H

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#endif
