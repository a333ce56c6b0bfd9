// LibTorch reports failures as c10::Error with a C++ stack trace in what(); users get one line.
#pragma once

#include "core/base/error.h"

#include <c10/util/Exception.h>
#include <new>

namespace esm::nn {

// Runs `work`, turning LibTorch errors and allocation failures into esm::Error.
template <typename Work>
auto translatingTorchErrors(const std::string& context, Work&& work) -> decltype(work()) {
    try {
        return work();
    } catch (const c10::Error& e) {
        throw Error(context + ": " + e.what_without_backtrace());
    } catch (const std::bad_alloc&) {
        throw Error(context + ": out of memory");
    }
}

} // namespace esm::nn
