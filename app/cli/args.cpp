#include "args.h"

#include <charconv>
#include <iostream>
#include <sstream>

namespace cli {

Args::Args(std::string command, std::string synopsis, std::string description)
    : command_(std::move(command)), synopsis_(std::move(synopsis)), description_(std::move(description)) {}

Args& Args::flag(const std::string& name, const std::string& help) {
    specs_.push_back({name, {Kind::Flag, "", help, std::nullopt}});
    return *this;
}

Args& Args::option(const std::string& name, const std::string& valueName, const std::string& help,
                   std::optional<std::string> defaultValue) {
    specs_.push_back({name, {Kind::Option, valueName, help, std::move(defaultValue)}});
    return *this;
}

Args& Args::list(const std::string& name, const std::string& valueName, const std::string& help) {
    specs_.push_back({name, {Kind::List, valueName, help, std::nullopt}});
    return *this;
}

Args& Args::positionals(const std::string& name, const std::string& help, std::size_t minimum,
                        std::size_t maximum) {
    positionalName_ = name;
    positionalHelp_ = help;
    positionalMin_ = minimum;
    positionalMax_ = maximum;
    return *this;
}

const Args::Spec& Args::spec(const std::string& name) const {
    for (const auto& [n, s] : specs_)
        if (n == name)
            return s;
    throw UsageError("unknown option --" + name);
}

void Args::parse(const std::vector<std::string>& arguments) {
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i];
        if (argument == "--help" || argument == "-h") {
            std::cout << help();
            throw HelpShown{};
        }
        if (argument.rfind("--", 0) != 0 || argument == "--") {
            positional_.push_back(argument);
            continue;
        }
        std::string name = argument.substr(2);
        std::optional<std::string> inlineValue;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name.resize(eq);
        }
        const Spec& s = spec(name);
        auto& slot = given_[name];
        if (s.kind == Kind::Flag) {
            if (inlineValue)
                throw UsageError("--" + name + " takes no value");
            slot.push_back("1");
        } else if (inlineValue) {
            slot.push_back(*inlineValue);
        } else if (s.kind == Kind::Option) {
            if (i + 1 >= arguments.size())
                throw UsageError("--" + name + " needs a value (" + s.valueName + ")");
            if (!slot.empty())
                throw UsageError("--" + name + " given twice");
            slot.push_back(arguments[++i]);
        } else {
            const std::size_t before = slot.size();
            while (i + 1 < arguments.size() && arguments[i + 1].rfind("--", 0) != 0)
                slot.push_back(arguments[++i]);
            if (slot.size() == before)
                throw UsageError("--" + name + " needs at least one value (" + s.valueName + ")");
        }
    }
    if (positional_.size() < positionalMin_)
        throw UsageError(positionalName_.empty() ? "missing arguments" : "missing " + positionalName_);
    if (positional_.size() > positionalMax_)
        throw UsageError("unexpected argument '" + positional_[positionalMax_] + "'");
}

bool Args::has(const std::string& name) const {
    return given_.count(name) > 0;
}

std::string Args::value(const std::string& name) const {
    if (auto it = given_.find(name); it != given_.end())
        return it->second.back();
    if (auto d = spec(name).defaultValue)
        return *d;
    throw UsageError("--" + name + " is required");
}

std::vector<std::string> Args::values(const std::string& name) const {
    auto it = given_.find(name);
    return it == given_.end() ? std::vector<std::string>{} : it->second;
}

int Args::integer(const std::string& name, int minimum) const {
    const std::string text = value(name);
    int number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc() || end != text.data() + text.size())
        throw UsageError("--" + name + " needs a whole number, not '" + text + "'");
    if (number < minimum)
        throw UsageError("--" + name + " must be at least " + std::to_string(minimum));
    return number;
}

std::vector<std::string> Args::commaList(const std::string& name) const {
    std::vector<std::string> items;
    std::stringstream in(value(name));
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty())
            items.push_back(item);
    if (items.empty())
        throw UsageError("--" + name + " needs at least one value");
    return items;
}

std::string Args::requireOneOf(const std::vector<std::string>& names) const {
    std::string found, all;
    for (const auto& n : names) {
        all += (all.empty() ? "--" : " or --") + n;
        if (has(n)) {
            if (!found.empty())
                throw UsageError("give only one of " + all);
            found = n;
        }
    }
    if (found.empty())
        throw UsageError("give " + all);
    return found;
}

std::string Args::help() const {
    std::ostringstream out;
    out << "usage: esmx " << command_ << ' ' << synopsis_ << "\n\n" << description_ << "\n";
    if (!positionalName_.empty())
        out << "\n  " << positionalName_ << "\n      " << positionalHelp_ << '\n';
    if (!specs_.empty())
        out << "\noptions:\n";
    for (const auto& [name, s] : specs_) {
        out << "  --" << name;
        if (s.kind != Kind::Flag)
            out << ' ' << s.valueName << (s.kind == Kind::List ? " ..." : "");
        out << "\n      " << s.help;
        if (s.defaultValue)
            out << " (default: " << *s.defaultValue << ")";
        out << '\n';
    }
    out << "  --help\n      show this help\n";
    return out.str();
}

} // namespace cli
