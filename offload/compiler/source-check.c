/*
 * qemu-offload-cc: source-level eligibility checks (see source-check.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <clang-c/Index.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source-check.h"

typedef struct Visit {
    const char *source;
    SrcFunc **funcs;
    int *nfuncs;
} Visit;

static const char *record_problem(CXType t, int depth);

static enum CXChildVisitResult field_visitor(CXCursor c, CXCursor parent,
                                             CXClientData data)
{
    const char **problem = data;

    if (clang_getCursorKind(c) == CXCursor_FieldDecl) {
        if (clang_Cursor_isBitField(c)) {
            *problem = "a bit-field struct is passed or returned by value";
        } else if (!*problem) {
            *problem = record_problem(clang_getCursorType(c), 1);
        }
    }
    return *problem ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* Why a value of type t may not cross the boundary by value, or NULL. */
static const char *record_problem(CXType t, int depth)
{
    const char *problem = NULL;
    CXCursor decl;

    t = clang_getCanonicalType(t);
    if (t.kind == CXType_ConstantArray) {
        return record_problem(clang_getArrayElementType(t), depth);
    }
    if (t.kind == CXType_LongDouble) {
        return "uses long double";
    }
    if (t.kind != CXType_Record || depth > 8) {
        return NULL;
    }
    decl = clang_getTypeDeclaration(t);
    if (clang_getCursorKind(decl) == CXCursor_UnionDecl) {
        return "a union is passed or returned by value";
    }
    clang_visitChildren(decl, field_visitor, &problem);
    return problem;
}

static bool is_va_list(CXType t)
{
    CXString s = clang_getTypeSpelling(clang_getCanonicalType(t));
    bool va = strstr(clang_getCString(s), "va_list") != NULL;

    clang_disposeString(s);
    return va;
}

static const char *signature_problem(CXCursor fn)
{
    CXType ft = clang_getCursorType(fn);
    const char *p;
    int i, n;

    /* int f() defines a function without parameters, not a variadic one. */
    if (ft.kind == CXType_FunctionProto && clang_isFunctionTypeVariadic(ft)) {
        return "variadic";
    }
    p = record_problem(clang_getResultType(ft), 0);
    if (p) {
        return p;
    }
    n = clang_getNumArgTypes(ft);
    for (i = 0; i < n; i++) {
        CXType at = clang_getArgType(ft, i);

        if (is_va_list(at)) {
            return "takes a va_list";
        }
        p = record_problem(at, 0);
        if (p) {
            return p;
        }
    }
    return NULL;
}

static enum CXChildVisitResult body_visitor(CXCursor c, CXCursor parent,
                                            CXClientData data)
{
    const char **problem = data;

    switch (clang_getCursorKind(c)) {
    case CXCursor_GCCAsmStmt:
    case CXCursor_MSAsmStmt:
        *problem = "inline asm";
        return CXChildVisit_Break;
    case CXCursor_VarDecl:
        if (clang_getCursorTLSKind(c) != CXTLS_None) {
            *problem = "thread-local variable";
            return CXChildVisit_Break;
        }
        if (is_va_list(clang_getCursorType(c))) {
            *problem = "uses va_list";
            return CXChildVisit_Break;
        }
        break;
    default:
        break;
    }
    return CXChildVisit_Recurse;
}

static char *cursor_name(CXCursor c)
{
    CXString s = clang_getCursorSpelling(c);
    char *r = strdup(clang_getCString(s));

    clang_disposeString(s);
    return r;
}

static enum CXChildVisitResult top_visitor(CXCursor c, CXCursor parent,
                                           CXClientData data)
{
    Visit *v = data;
    CXSourceLocation loc = clang_getCursorLocation(c);
    const char *problem;
    SrcFunc *f;
    unsigned line;
    CXString fname;
    CXFile file;

    if (clang_getCursorKind(c) != CXCursor_FunctionDecl ||
        !clang_isCursorDefinition(c) || clang_Location_isInSystemHeader(loc)) {
        return CXChildVisit_Continue;
    }
    clang_getSpellingLocation(loc, &file, &line, NULL, NULL);
    problem = signature_problem(c);
    if (!problem) {
        clang_visitChildren(c, body_visitor, &problem);
    }
    *v->funcs = realloc(*v->funcs, (*v->nfuncs + 1) * sizeof(SrcFunc));
    f = &(*v->funcs)[(*v->nfuncs)++];
    f->name = cursor_name(c);
    f->file = strdup(v->source);
    fname = clang_getFileName(file);
    f->def_file = strdup(clang_getCString(fname) ? clang_getCString(fname) :
                         v->source);
    clang_disposeString(fname);
    f->line = line;
    f->reason = problem;
    f->is_static = clang_Cursor_getStorageClass(c) == CX_SC_Static;
    return CXChildVisit_Continue;
}

int source_check(const char *source, const char *const *args, int nargs,
                 SrcFunc **funcs, int *nfuncs)
{
    CXIndex index = clang_createIndex(0, 0);
    CXTranslationUnit tu = NULL;
    enum CXErrorCode err;
    Visit v = { source, funcs, nfuncs };
    unsigned i, ndiag;
    int ret = 0;

    err = clang_parseTranslationUnit2(index, source, args, nargs, NULL, 0,
                                      CXTranslationUnit_None,
                                      &tu);
    if (err != CXError_Success || !tu) {
        fprintf(stderr, "qemu-offload-cc: %s: cannot parse (libclang "
                "error %d)\n", source, err);
        clang_disposeIndex(index);
        return -1;
    }
    ndiag = clang_getNumDiagnostics(tu);
    for (i = 0; i < ndiag; i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);

        if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
            CXString s = clang_formatDiagnostic(
                d, clang_defaultDiagnosticDisplayOptions());
            fprintf(stderr, "%s\n", clang_getCString(s));
            clang_disposeString(s);
            ret = -1;
        }
        clang_disposeDiagnostic(d);
    }
    if (ret == 0) {
        clang_visitChildren(clang_getTranslationUnitCursor(tu), top_visitor,
                            &v);
    }
    clang_disposeTranslationUnit(tu);
    clang_disposeIndex(index);
    return ret;
}
