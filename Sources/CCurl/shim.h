#ifndef CONSENT_DOCTOR_CCURL_SHIM_H
#define CONSENT_DOCTOR_CCURL_SHIM_H
#include <curl/curl.h>
#endif
