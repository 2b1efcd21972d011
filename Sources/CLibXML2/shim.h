#ifndef CONSENT_DOCTOR_CLIBXML2_SHIM_H
#define CONSENT_DOCTOR_CLIBXML2_SHIM_H

// Debian builds libxml2 against ICU, and its headers pull in ICU types that clash with the
// copy of ICU inside Foundation. Turning the ICU switch off before the other headers keeps
// libxml2's ICU declarations out of this module.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlsave.h>
#include <libxml/xpath.h>

// xmlFree is a global function pointer in C, which Swift 6 treats as shared mutable state.
static inline void cd_xml_free(void *pointer) {
    xmlFree(pointer);
}

#endif
