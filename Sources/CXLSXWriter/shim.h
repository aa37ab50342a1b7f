#ifndef KIKITORI_CXLSXWRITER_SHIM_H
#define KIKITORI_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
