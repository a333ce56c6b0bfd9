// esmx models list|download|path: the models this machine has in the HuggingFace cache, and
// downloads into it.
#include "args.h"
#include "commands.h"
#include "progress_printer.h"

#include "core/base/byte_size.h"
#include "core/base/error.h"
#include "core/hub/hf_cache.h"
#include "core/hub/known_models.h"
#include "core/pipeline/convert_model_folder.h"
#include "qt_application.h"
#include "ui/services/hub/HubDownloader.h"
#include "ui/services/hub/ModelLocator.h"

#include <QCoreApplication>

#include <cstdio>
#include <iostream>
#include <set>

namespace cli {
namespace {

int list() {
    const auto root = esm::huggingFaceCacheRoot();
    const auto cached = esm::listCachedModels(root);
    std::cout << "HuggingFace cache: " << root.string() << "\n\n";
    std::printf("%-38s %-15s %-7s %-9s %s\n", "REPO", "KIND", "PARAMS", "SIZE", "INSTALLED");
    std::set<std::string> shown;
    for (const auto& m : esm::knownModels()) {
        std::string where = "-";
        for (const auto& c : cached)
            if (c.repo == m.repo)
                where = c.folder.string();
        std::printf("%-38s %-15s %-7s %-9s %s\n", m.repo.c_str(), m.kind.c_str(), m.parameters.c_str(),
                    esm::byteSizeText(double(m.downloadBytes)).c_str(), where.c_str());
        shown.insert(m.repo);
    }
    for (const auto& c : cached)
        if (!shown.count(c.repo))
            std::printf("%-38s %-15s %-7s %-9s %s\n", c.repo.c_str(), "other", "",
                        esm::byteSizeText(double(c.bytes)).c_str(), c.folder.string().c_str());
    return 0;
}

int convert(const Args& args) {
    if (args.positional().size() != 3)
        throw UsageError("models convert needs SRC and DST folders");
    const std::string source =
        esmui::locateModel(QString::fromStdString(args.positional()[1]), false, esm::Progress::none())
            .toStdString();
    esm::ConvertOptions options;
    if (args.has("dtype"))
        options.dtype = args.value("dtype");
    if (options.dtype && *options.dtype != "float32" && *options.dtype != "float16" &&
        *options.dtype != "bfloat16")
        throw UsageError("--dtype must be float32, float16 or bfloat16");
    try {
        options.maxShardBytes = esm::parseByteSize(args.value("max-shard-size"));
    } catch (const esm::Error& e) {
        throw UsageError(std::string("--max-shard-size: ") + e.what());
    }
    ProgressPrinter printer("models convert");
    const auto result = esm::convertModelFolder(source, args.positional()[2], options, printer.progress());
    const std::size_t files =
        result.weightFiles.size() > 1 ? result.weightFiles.size() - 1 : 1; // the index is no weight file
    printer.note(std::to_string(result.tensors) + " tensors, " + esm::byteSizeText(double(result.bytes)) +
                 " in " + std::to_string(files) + (files == 1 ? " file" : " files"));
    std::cout << args.positional()[2] << "\n";
    return 0;
}

} // namespace

int runModels(const Arguments& arguments) {
    Args args(
        "models",
        "list | download REPO [--revision R] | path REPO [--revision R] | convert SRC DST [--dtype TYPE]",
        "list: the known ESM models and what the HuggingFace cache ($HF_HOME, ~/.cache/huggingface) holds.\n"
        "download: fetches a model repository into that cache ($HF_ENDPOINT overrides the hub; $HF_TOKEN\n"
        "or the saved token opens private and gated ones); an interrupted download resumes. Prints the\n"
        "snapshot folder. path: prints the cached folder of REPO, or fails when it is not cached.\n"
        "convert: rewrites the model folder (or cached repo) SRC - safetensors, sharded, pytorch_model.bin,\n"
        "sharded .bin or tf_model.h5 - as the new safetensors folder DST, which loads in place and\n"
        "fastest: model.safetensors, or model-0000K-of-0000N.safetensors with\n"
        "model.safetensors.index.json past --max-shard-size; config.json, vocab.txt and the tokenizer\n"
        "files are copied. Tensors keep their stored types unless --dtype is given.");
    args.positionals("WHAT", "list, download or path, then the repo id; convert, then SRC and DST", 1, 3);
    args.option("revision", "R", "branch, tag or commit", "main");
    args.option("dtype", "TYPE", "convert: float32, float16 or bfloat16 for every floating tensor");
    args.option("max-shard-size", "SIZE", "convert: largest weight file (e.g. 10GB, 500MB)", "10GB");
    args.parse(arguments);
    const std::string what = args.positional()[0];
    if (what == "list")
        return list();
    if (what == "convert")
        return convert(args);
    if (args.positional().size() != 2)
        throw UsageError("models " + what + " needs a repo id, e.g. facebook/esm2_t6_8M_UR50D");
    const std::string repo = args.positional()[1];
    if (!esm::isRepoId(repo))
        throw UsageError("'" + repo + "' is not a repo id (OWNER/NAME)");
    if (what == "path") {
        const auto folder = esm::cachedSnapshot(esm::huggingFaceCacheRoot(), repo, args.value("revision"));
        if (!folder)
            throw esm::Error(repo + " is not in the HuggingFace cache (" +
                             esm::huggingFaceCacheRoot().string() + "); esmx models download " + repo +
                             " fetches it");
        std::cout << folder->string() << "\n";
        return 0;
    }
    if (what != "download")
        throw UsageError("unknown models command '" + what + "' (list, download, path or convert)");
    const auto app = makeApplication<QCoreApplication>();
    ProgressPrinter printer("models download");
    esmui::DownloadRequest request;
    request.repo = QString::fromStdString(repo);
    request.revision = QString::fromStdString(args.value("revision"));
    std::cout << esmui::downloadModel(request, printer.progress()).toStdString() << "\n";
    return 0;
}

} // namespace cli
