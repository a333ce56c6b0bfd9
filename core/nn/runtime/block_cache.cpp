#include "core/nn/runtime/block_cache.h"

#include <c10/core/CPUAllocator.h>
#include <c10/core/impl/alloc_cpu.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>
#include <sys/mman.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <unordered_map>

namespace esm::nn {
namespace {

// Smaller blocks stay with malloc. Above it glibc's free and malloc of mid-sized blocks (merging,
// trimming the heap, fresh mappings) cost more than a cache hit (docs/PERFORMANCE.md).
constexpr std::size_t kSmallest = std::size_t(1) << 14;
// More than this stays cached only while it is in use again soon: beyond it, freed blocks go back.
constexpr std::size_t kMostCached = std::size_t(2) << 30;
// A run's own limit (BlockCacheScope's), when it keeps more.
std::atomic<std::size_t> mostCached{kMostCached};

// Sizes rounded up to one of 8 classes per power of two, so nearly equal shapes share blocks with
// at most 12.5 % unused.
std::size_t sizeClass(std::size_t n) {
    std::size_t power = kSmallest;
    while (power < n / 8)
        power <<= 1;
    const std::size_t step = std::max(power / 8, std::size_t(4096));
    return (n + step - 1) / step * step;
}

// Blocks of this size or more come in transparent huge pages where the kernel offers them
// ("madvise" mode, Debian's default): one page fault per 2 MB instead of 512, which in a VM costs
// more than the GEMMs of a language model's load and first forward.
constexpr std::size_t kHugePage = std::size_t(2) << 20;
constexpr std::size_t kPage = 4096;

void* allocateBlock(std::size_t size) {
    if (size < kHugePage)
        return c10::alloc_cpu(size);
    // Only the block's whole 2 MB pages are huge; its tail stays in 4 KB pages: rounded up to whole
    // huge pages, ESMFold's weights wasted up to 2 MB each. posix_memalign, because aligned_alloc
    // wants a multiple of the alignment (ASan enforces it).
    void* data = nullptr;
    if (::posix_memalign(&data, kHugePage, (size + kPage - 1) / kPage * kPage) != 0)
        return c10::alloc_cpu(size); // reports the failure as LibTorch does
    // Advice only: without it the pages are 4 KB.
    ::madvise(data, size / kHugePage * kHugePage, MADV_HUGEPAGE);
    return data;
}

class BlockCache final : public c10::Allocator {
  public:
    c10::DataPtr allocate(std::size_t n) const override {
        if (n < kSmallest) {
            void* data = c10::alloc_cpu(n);
            return {data, data, &freeBlock, c10::Device(c10::kCPU)};
        }
        const std::size_t size = sizeClass(n);
        void* data = take(size);
        if (!data)
            data = allocateBlock(size);
        std::lock_guard lock(mutex_);
        live_[data] = size;
        return {data, data, &freeBlock, c10::Device(c10::kCPU)};
    }

    c10::DeleterFnPtr raw_deleter() const override { return &freeBlock; }

    void release() {
        std::multimap<std::size_t, void*> blocks;
        {
            std::lock_guard lock(mutex_);
            blocks.swap(free_);
            cachedBytes_ = 0;
        }
        for (auto& [size, data] : blocks)
            c10::free_cpu(data);
    }

    BlockCacheStats stats() const {
        std::lock_guard lock(mutex_);
        return {cachedBytes_, hits_, misses_};
    }

    static BlockCache& instance() {
        // Never destroyed: tensors freed during static destruction still find it.
        static BlockCache* cache = new BlockCache;
        return *cache;
    }

  private:
    void* take(std::size_t size) const {
        std::lock_guard lock(mutex_);
        const auto it = free_.find(size);
        if (it == free_.end()) {
            ++misses_;
            return nullptr;
        }
        ++hits_;
        void* data = it->second;
        free_.erase(it);
        cachedBytes_ -= size;
        return data;
    }

    // Small blocks are not in live_ and go straight back to the system.
    void give(void* data) {
        std::unique_lock lock(mutex_);
        const auto it = live_.find(data);
        if (it == live_.end()) {
            lock.unlock();
            c10::free_cpu(data);
            return;
        }
        const std::size_t size = it->second;
        live_.erase(it);
        if (cachedBytes_ + size > mostCached.load()) {
            lock.unlock();
            c10::free_cpu(data);
            return;
        }
        free_.emplace(size, data);
        cachedBytes_ += size;
    }

    static void freeBlock(void* data) { instance().give(data); }

    mutable std::mutex mutex_;
    mutable std::unordered_map<void*, std::size_t> live_;
    mutable std::multimap<std::size_t, void*> free_;
    mutable std::size_t cachedBytes_ = 0, hits_ = 0, misses_ = 0;
};

} // namespace

void installBlockCache() {
    static std::once_flag once;
    // Priority 1 outranks LibTorch's default CPU allocator (registered at 0).
    std::call_once(once, [] { c10::SetCPUAllocator(&BlockCache::instance(), 1); });
}

void releaseCachedBlocks() {
    BlockCache::instance().release();
#ifdef __GLIBC__
    // glibc keeps freed memory below its heap's top (a model's freed weights among live blocks):
    // hand those pages back too, or a model loaded after another starts from the first one's peak.
    ::malloc_trim(0);
#endif
}

namespace {
std::atomic<int> scopeDepth{0};
}

BlockCacheScope::BlockCacheScope(std::size_t keepUpTo) : previousLimit_(mostCached.load()) {
    installBlockCache();
    ++scopeDepth;
    mostCached = std::max(previousLimit_, keepUpTo);
}

BlockCacheScope::~BlockCacheScope() {
    mostCached = previousLimit_;
    if (--scopeDepth == 0)
        releaseCachedBlocks();
}

BlockCacheStats blockCacheStats() {
    return BlockCache::instance().stats();
}

} // namespace esm::nn
