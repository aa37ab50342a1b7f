#ifndef KIKITORI_CMECAB_SHIM_H
#define KIKITORI_CMECAB_SHIM_H
#include <mecab.h>
#endif
