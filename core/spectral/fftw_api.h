#pragma once

// Internal to core/spectral: the FFTW calls the library makes, for both precisions, behind one set of names
// so that the transforms can be written once as templates. Only .cpp files of core/spectral include this
// header; the public headers never expose FFTW's types.

#include <fftw3.h>

#include <cstddef>

namespace convscope::spectral::detail {

template <typename T>
struct Fftw;

template <>
struct Fftw<double> {
    using Plan = fftw_plan;
    using Complex = fftw_complex;
    static void* malloc(std::size_t bytes) { return fftw_malloc(bytes); }
    static void free(void* p) { fftw_free(p); }
    static Plan planR2c(int n0, int n1, double* in, Complex* out, unsigned flags) {
        return fftw_plan_dft_r2c_2d(n0, n1, in, out, flags);
    }
    static Plan planC2r(int n0, int n1, Complex* in, double* out, unsigned flags) {
        return fftw_plan_dft_c2r_2d(n0, n1, in, out, flags);
    }
    static void executeR2c(Plan p, double* in, Complex* out) { fftw_execute_dft_r2c(p, in, out); }
    static void executeC2r(Plan p, Complex* in, double* out) { fftw_execute_dft_c2r(p, in, out); }
    static void destroy(Plan p) { fftw_destroy_plan(p); }
    static int initThreads() { return fftw_init_threads(); }
    static void planWithThreads(int n) { fftw_plan_with_nthreads(n); }
    static char* exportWisdom() { return fftw_export_wisdom_to_string(); }
    static int importWisdom(const char* text) { return fftw_import_wisdom_from_string(text); }
    static void forgetWisdom() { fftw_forget_wisdom(); }
    static int alignmentOf(double* p) { return fftw_alignment_of(p); }
};

template <>
struct Fftw<float> {
    using Plan = fftwf_plan;
    using Complex = fftwf_complex;
    static void* malloc(std::size_t bytes) { return fftwf_malloc(bytes); }
    static void free(void* p) { fftwf_free(p); }
    static Plan planR2c(int n0, int n1, float* in, Complex* out, unsigned flags) {
        return fftwf_plan_dft_r2c_2d(n0, n1, in, out, flags);
    }
    static Plan planC2r(int n0, int n1, Complex* in, float* out, unsigned flags) {
        return fftwf_plan_dft_c2r_2d(n0, n1, in, out, flags);
    }
    static void executeR2c(Plan p, float* in, Complex* out) { fftwf_execute_dft_r2c(p, in, out); }
    static void executeC2r(Plan p, Complex* in, float* out) { fftwf_execute_dft_c2r(p, in, out); }
    static void destroy(Plan p) { fftwf_destroy_plan(p); }
    static int initThreads() { return fftwf_init_threads(); }
    static void planWithThreads(int n) { fftwf_plan_with_nthreads(n); }
    static char* exportWisdom() { return fftwf_export_wisdom_to_string(); }
    static int importWisdom(const char* text) { return fftwf_import_wisdom_from_string(text); }
    static void forgetWisdom() { fftwf_forget_wisdom(); }
    static int alignmentOf(float* p) { return fftwf_alignment_of(p); }
};

}  // namespace convscope::spectral::detail
