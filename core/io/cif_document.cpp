#include "core/io/cif_document.h"

#include "core/base/error.h"

#include <cctype>

namespace esm {

int CifTable::column(std::string_view name) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i] == name)
            return static_cast<int>(i);
    return -1;
}

const CifTable* CifDocument::table(std::string_view category) const {
    const auto it = tables.find(category);
    return it == tables.end() ? nullptr : &it->second;
}

std::optional<std::string> CifDocument::item(std::string_view category, std::string_view column) const {
    const CifTable* t = table(category);
    if (!t || t->rowCount() == 0)
        return std::nullopt;
    const int c = t->column(column);
    if (c < 0)
        return std::nullopt;
    return t->at(0, c);
}

namespace {

struct Token {
    enum Kind { Tag, Value, Loop, Data, End } kind = End;
    std::string text;
    long line = 0;
};

class CifLexer {
  public:
    CifLexer(std::string_view text, const std::string& source) : text_(text), source_(source) {}

    Token next() {
        skipSpaceAndComments();
        if (pos_ >= text_.size())
            return {Token::End, {}, line_};
        const long line = line_;
        const char c = text_[pos_];
        if (c == ';' && atLineStart())
            return {Token::Value, textField(), line};
        if (c == '\'' || c == '"')
            return {Token::Value, quoted(c), line};
        std::string word = bareWord();
        if (word[0] == '_')
            return {Token::Tag, std::move(word), line};
        if (startsWithNoCase(word, "loop_"))
            return {Token::Loop, std::move(word), line};
        if (startsWithNoCase(word, "data_"))
            return {Token::Data, word.substr(5), line};
        return {Token::Value, std::move(word), line};
    }

  private:
    static bool startsWithNoCase(const std::string& word, std::string_view prefix) {
        if (word.size() < prefix.size())
            return false;
        for (std::size_t i = 0; i < prefix.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(word[i])) != prefix[i])
                return false;
        return true;
    }
    bool atLineStart() const { return pos_ == 0 || text_[pos_ - 1] == '\n'; }

    void skipSpaceAndComments() {
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == '\n') {
                ++line_;
                ++pos_;
            } else if (std::isspace(static_cast<unsigned char>(c))) {
                ++pos_;
            } else if (c == '#') {
                while (pos_ < text_.size() && text_[pos_] != '\n')
                    ++pos_;
            } else {
                return;
            }
        }
    }

    std::string bareWord() {
        const std::size_t start = pos_;
        while (pos_ < text_.size() && !std::isspace(static_cast<unsigned char>(text_[pos_])))
            ++pos_;
        return std::string(text_.substr(start, pos_ - start));
    }

    // A quote closes only when white space or the end follows it: 'it's' is one value.
    std::string quoted(char quote) {
        const long startLine = line_;
        const std::size_t start = ++pos_;
        while (pos_ < text_.size()) {
            if (text_[pos_] == '\n')
                throw Error(locate(source_, startLine, 0, "unterminated quoted value"));
            if (text_[pos_] == quote &&
                (pos_ + 1 == text_.size() || std::isspace(static_cast<unsigned char>(text_[pos_ + 1])))) {
                std::string value(text_.substr(start, pos_ - start));
                ++pos_;
                return value;
            }
            ++pos_;
        }
        throw Error(locate(source_, startLine, 0, "unterminated quoted value"));
    }

    std::string textField() {
        const long startLine = line_;
        const std::size_t start = ++pos_;
        const std::size_t end = text_.find("\n;", pos_);
        if (end == std::string_view::npos)
            throw Error(locate(source_, startLine, 0, "unterminated text field (no closing ';' line)"));
        std::string value(text_.substr(start, end - start));
        for (std::size_t i = pos_; i <= end; ++i)
            line_ += text_[i] == '\n';
        pos_ = end + 2;
        if (!value.empty() && value.back() == '\r')
            value.pop_back();
        return value;
    }

    std::string_view text_;
    const std::string& source_;
    std::size_t pos_ = 0;
    long line_ = 1;
};

std::pair<std::string, std::string> splitTag(const Token& tag, const std::string& source) {
    const auto dot = tag.text.find('.');
    if (dot == std::string::npos)
        throw Error(locate(source, tag.line, 0,
                           "item name '" + tag.text + "' has no category (expected _category.item)"));
    return {tag.text.substr(1, dot - 1), tag.text.substr(dot + 1)};
}

class CifParser {
  public:
    CifParser(std::string_view text, const std::string& source) : lexer_(text, source), source_(source) {}

    CifDocument parse() {
        CifDocument doc;
        Token t = lexer_.next();
        while (t.kind != Token::End && t.kind != Token::Data)
            t = lexer_.next(); // anything before the first data block is not data
        if (t.kind == Token::End)
            throw Error(source_ + ": no data_ block (not an mmCIF file?)");
        doc.blockName = t.text;
        t = lexer_.next();
        while (t.kind != Token::End && t.kind != Token::Data) {
            if (t.kind == Token::Loop)
                t = loop(doc);
            else if (t.kind == Token::Tag)
                t = pair(doc, t);
            else
                throw Error(locate(source_, t.line, 0, "value '" + t.text + "' without an item name"));
        }
        return doc;
    }

  private:
    Token pair(CifDocument& doc, const Token& tag) {
        auto [category, column] = splitTag(tag, source_);
        const Token value = lexer_.next();
        if (value.kind != Token::Value)
            throw Error(locate(source_, tag.line, 0, "item " + tag.text + " has no value"));
        CifTable& table = doc.tables[category];
        table.columns.push_back(column);
        table.values.push_back(value.text);
        if (table.lines.empty())
            table.lines.push_back(value.line);
        return lexer_.next();
    }

    Token loop(CifDocument& doc) {
        Token t = lexer_.next();
        std::string category;
        CifTable table;
        while (t.kind == Token::Tag) {
            auto [cat, column] = splitTag(t, source_);
            if (!category.empty() && cat != category)
                throw Error(locate(source_, t.line, 0, "loop mixes categories " + category + " and " + cat));
            category = cat;
            table.columns.push_back(column);
            t = lexer_.next();
        }
        if (table.columns.empty())
            throw Error(locate(source_, t.line, 0, "loop_ without item names"));
        for (std::size_t n = 0; t.kind == Token::Value; ++n, t = lexer_.next()) {
            if (n % table.columns.size() == 0)
                table.lines.push_back(t.line);
            table.values.push_back(std::move(t.text));
        }
        if (table.values.size() % table.columns.size() != 0)
            throw Error(locate(source_, table.lines.empty() ? t.line : table.lines.back(), 0,
                               "loop of _" + category + " has " + std::to_string(table.values.size()) +
                                   " values, not a multiple of its " + std::to_string(table.columns.size()) +
                                   " columns (truncated file?)"));
        doc.tables[category] = std::move(table);
        return t;
    }

    CifLexer lexer_;
    const std::string& source_;
};

} // namespace

CifDocument parseCif(std::string_view text, const std::string& sourceName) {
    return CifParser(text, sourceName).parse();
}

std::string cifQuote(const std::string& value) {
    if (value.empty())
        return "''";
    bool needsQuotes = value[0] == '_' || value[0] == '#' || value[0] == '$' || value[0] == '\'' ||
                       value[0] == '"' || value[0] == ';' || value[0] == '[' || value[0] == ']';
    for (char c : value)
        needsQuotes = needsQuotes || std::isspace(static_cast<unsigned char>(c));
    const std::string lower = [&] {
        std::string s;
        for (char c : value.substr(0, 5))
            s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        return s;
    }();
    needsQuotes = needsQuotes || lower.rfind("data_", 0) == 0 || lower.rfind("loop_", 0) == 0;
    if (!needsQuotes)
        return value;
    return value.find('\'') == std::string::npos ? "'" + value + "'" : "\"" + value + "\"";
}

} // namespace esm
