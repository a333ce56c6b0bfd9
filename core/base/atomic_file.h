// Whole-file reads and crash-safe writes: a write goes to a temporary file beside the target and is
// renamed over it only when complete, so a failed or interrupted write never destroys earlier work.
#pragma once

#include <filesystem>
#include <fstream>
#include <functional>
#include <ostream>
#include <string>

namespace esm {

std::string readFile(const std::filesystem::path& path);
// readFile for the files a model folder, session or prediction names (config.json, vocab.txt,
// indexes, PAE JSON): anything but a regular file is refused before it is opened, since opening a
// FIFO blocks until something writes to it.
std::string readRegularFile(const std::filesystem::path& path);

// A file written in steps: the stream goes to a temporary sibling, commit() renames it into place,
// and destruction without commit() removes it, leaving any earlier file untouched.
class AtomicFileWriter {
  public:
    // Throws Error naming the path when the folder is missing or not writable.
    explicit AtomicFileWriter(std::filesystem::path path);
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    std::ostream& stream() { return out_; }
    // Flushes, syncs and renames; throws Error (disk full, ...) and then leaves no temporary behind.
    void commit();

  private:
    std::filesystem::path path_, temporary_;
    std::ofstream out_;
    bool committed_ = false;
};

void writeFileAtomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write);
void writeFileAtomically(const std::filesystem::path& path, const std::string& content);

} // namespace esm
