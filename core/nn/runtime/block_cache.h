// A CPU allocator for LibTorch that keeps large freed blocks for the next tensor of the same size.
// glibc serves every block above its mmap threshold (at most 32 MB) with fresh pages from the
// kernel, which zeroes them, and hands them back on free; a fold allocates the same shapes 48
// blocks x 4 passes over, so without a cache the kernel's page clearing costs as much as a GEMM.
#pragma once

#include <cstddef>

namespace esm::nn {

// Routes LibTorch's CPU allocations through the cache; idempotent. Tensors allocated before keep
// their own deleter, so installing is safe at any time.
void installBlockCache();

// Frees every cached block and hands the C library's free pages back to the system (call when a fold
// or scoring run ends, so an idle program holds only what it uses).
void releaseCachedBlocks();

// Installs the cache for a run and frees what it holds when the run ends. Scopes nest: a run of
// many forward passes (a heatmap) keeps the blocks of one pass for the next, and only the outermost
// scope frees them.
class BlockCacheScope {
  public:
    // `keepUpTo`: the bytes of freed blocks kept for reuse while the scope lasts (2 GB by default; a
    // training step frees all its activations at once, and kept they cost nothing above the step's
    // own peak).
    explicit BlockCacheScope(std::size_t keepUpTo = 0);
    ~BlockCacheScope();
    BlockCacheScope(const BlockCacheScope&) = delete;
    BlockCacheScope& operator=(const BlockCacheScope&) = delete;

  private:
    std::size_t previousLimit_;
};

struct BlockCacheStats {
    std::size_t cachedBytes = 0, hits = 0, misses = 0;
};
BlockCacheStats blockCacheStats();

} // namespace esm::nn
