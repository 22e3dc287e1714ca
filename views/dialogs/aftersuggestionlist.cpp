#include "aftersuggestionlist.h"

#include "measurementformat.h"
#include "querytokens.h"

#include <QApplication>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QLocale>
#include <QPainter>
#include <QPoint>
#include <QStyledItemDelegate>

#include <algorithm>

namespace {

constexpr int MarksRole = Qt::UserRole + 1; // QList<QPoint>: (start, length) of each marked span
constexpr int JobIdRole = Qt::UserRole + 2;
constexpr int JobColumnCharacters = 20; // a longer job ID is elided in the middle (full in its tooltip)
constexpr int QueryColumnCharacters = 48;

// The query column: the excerpt on one line, its marked spans in bold and in a colour that reads
// on the palette's base colour (on the selection: in the selection's text colour, bold only),
// elided at the right.
class MarkedExcerptDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString text = opt.text;
        opt.text.clear();
        const QWidget *widget = opt.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
        const QRect rect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget).adjusted(margin, 0, -margin, 0);

        const QPalette::ColorGroup group = !(opt.state & QStyle::State_Enabled) ? QPalette::Disabled
                                           : (opt.state & QStyle::State_Active) ? QPalette::Normal
                                                                                 : QPalette::Inactive;
        const bool selected = opt.state & QStyle::State_Selected;
        const QColor plain = opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
        const QColor marked = selected ? plain
                              : MeasurementFormat::isDark(opt.palette) ? QColor(0x8a, 0xb4, 0xf8)
                                                                       : QColor(0x15, 0x4a, 0xb0);
        QFont bold = opt.font;
        bold.setBold(true);

        // The text cut at the marks.
        struct Segment
        {
            QString text;
            bool marked;
        };
        const QList<QPoint> marks = index.data(MarksRole).value<QList<QPoint>>();
        qsizetype from = 0;
        // The first difference must show: when it lies beyond the column, the line starts a few
        // words before it, after an ellipsis.
        if (!marks.isEmpty()) {
            const qsizetype firstEnd = marks.first().x() + marks.first().y();
            const QFontMetrics metrics(bold);
            if (metrics.horizontalAdvance(text.left(firstEnd)) > rect.width()) {
                from = marks.first().x();
                const int room = rect.width() * 2 / 3;
                while (from > 0 && metrics.horizontalAdvance(text.mid(from - 1, firstEnd - from + 1)) < room)
                    --from;
                const qsizetype wordStart = text.indexOf(u' ', from);
                if (wordStart >= 0 && wordStart < marks.first().x())
                    from = wordStart + 1;
            }
        }
        QList<Segment> segments;
        if (from > 0)
            segments.append({QStringLiteral("…"), false});
        qsizetype at = from;
        for (const QPoint &mark : marks) {
            const qsizetype start = std::max<qsizetype>(mark.x(), at);
            const qsizetype end = mark.x() + mark.y();
            if (end <= at)
                continue;
            if (start > at)
                segments.append({text.mid(at, start - at), false});
            segments.append({text.mid(start, end - start), true});
            at = end;
        }
        if (at < text.size())
            segments.append({text.mid(at), false});

        painter->save();
        painter->setClipRect(rect);
        int x = rect.left();
        for (const Segment &segment : segments) {
            const QFont &font = segment.marked ? bold : opt.font;
            const QFontMetrics metrics(font);
            QString piece = segment.text;
            const int width = metrics.horizontalAdvance(piece);
            const bool last = x + width > rect.right();
            if (last)
                piece = metrics.elidedText(piece, Qt::ElideRight, rect.right() - x);
            painter->setFont(font);
            painter->setPen(segment.marked ? marked : plain);
            painter->drawText(QRect(x, rect.top(), rect.right() - x + 1, rect.height()),
                              Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, piece);
            if (last)
                break;
            x += width;
        }
        painter->restore();
    }
};

} // namespace

AfterSuggestionList::AfterSuggestionList(QLineEdit *field, int visibleRows, QWidget *parent)
    : QTreeWidget(parent), m_field(field), m_visibleRows(visibleRows)
{
    setColumnCount(ColumnCount);
    setHeaderLabels({tr("Score"), tr("Reason"), tr("Job"), tr("Started"), tr("Duration"), tr("Query")});
    headerItem()->setToolTip(ScoreColumn, tr("1.00: the before job's query hash; else how similar the two "
                                             "queries' words are (listed from %1)")
                                              .arg(QLocale().toString(AfterSuggestions::MinimumSimilarity, 'f', 2)));
    headerItem()->setToolTip(QueryColumn, tr("The job's query on one line; in bold colour the words and "
                                             "symbols that the before job's query does not have"));
    setRootIsDecorated(false);
    setItemsExpandable(false);
    setUniformRowHeights(true);
    setAllColumnsShowFocus(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setTextElideMode(Qt::ElideMiddle);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFocusPolicy(Qt::ClickFocus); // Tab goes from the field to the buttons; ↓ comes here
    setItemDelegateForColumn(QueryColumn, new MarkedExcerptDelegate(this));
    header()->setSectionsMovable(false);
    header()->setStretchLastSection(true);
    for (const int column : {ScoreColumn, ReasonColumn, StartedColumn, DurationColumn})
        header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(JobColumn, QHeaderView::Interactive);
    hide();
    m_field->installEventFilter(this);
    connect(this, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) { take(item); });
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) { take(item); });
}

QString AfterSuggestionList::reasonText(AfterSuggestions::Reason reason)
{
    return reason == AfterSuggestions::Reason::SameHash ? tr("same query") : tr("similar text");
}

QSet<QString> AfterSuggestionList::tokensOf(const QString &text)
{
    QSet<QString> tokens;
    for (const QueryTokens::Token &token : QueryTokens::scan(text))
        tokens.insert(token.text);
    return tokens;
}

AfterSuggestionList::Excerpt AfterSuggestionList::excerpt(const QString &text, const QSet<QString> &beforeTokens,
                                                          qsizetype maxLength)
{
    Excerpt result;
    // Where each character of the text went in the excerpt (white space runs become one space).
    QList<qsizetype> position(text.size() + 1);
    for (qsizetype i = 0; i < text.size(); ++i) {
        position[i] = result.text.size();
        if (!text.at(i).isSpace())
            result.text += text.at(i);
        else if (!result.text.isEmpty() && !result.text.endsWith(u' '))
            result.text += u' ';
    }
    position[text.size()] = result.text.size();
    if (result.text.endsWith(u' '))
        result.text.chop(1);
    if (result.text.size() > maxLength)
        result.text.truncate(maxLength);
    for (const QueryTokens::Token &token : QueryTokens::scan(text)) {
        if (beforeTokens.contains(token.text))
            continue;
        const qsizetype start = position[token.start];
        const qsizetype end = std::min(position[token.start + token.length], result.text.size());
        if (start >= end)
            continue;
        if (!result.marks.isEmpty() && result.marks.last().first + result.marks.last().second == start)
            result.marks.last().second = end - result.marks.last().first; // "a.b" marked at once
        else
            result.marks.append({start, end - start});
    }
    return result;
}

void AfterSuggestionList::setSuggestions(const QList<AfterSuggestions::Candidate> &candidates,
                                         const std::optional<QString> &beforeText)
{
    clear();
    const QLocale locale;
    const QSet<QString> beforeTokens = beforeText ? tokensOf(*beforeText) : QSet<QString>();
    for (const AfterSuggestions::Candidate &c : candidates) {
        auto *item = new QTreeWidgetItem(this);
        const QString score = locale.toString(c.score, 'f', 2);
        item->setText(ScoreColumn, score);
        item->setTextAlignment(ScoreColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(ReasonColumn, reasonText(c.reason));
        item->setToolTip(ReasonColumn,
                         c.reason == AfterSuggestions::Reason::SameHash
                             ? tr("same_hash: the job has the before job's query hash")
                             : tr("similar_text: the words of the job's query and of the before job's are "
                                  "%1 alike (Jaccard similarity of their tokens)")
                                   .arg(score));
        item->setText(JobColumn, c.jobId);
        item->setToolTip(JobColumn, c.jobId);
        item->setData(JobColumn, JobIdRole, c.jobId);
        item->setText(StartedColumn, MeasurementFormat::dateTime(c.startedAt));
        item->setText(DurationColumn, MeasurementFormat::duration(c.durationMs));
        item->setTextAlignment(DurationColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setToolTip(DurationColumn, MeasurementFormat::exactDurationMs(c.durationMs));
        if (c.queryText) {
            const Excerpt line = excerpt(*c.queryText, beforeTokens);
            QList<QPoint> marks;
            for (const auto &[start, length] : line.marks)
                marks << QPoint(int(start), int(length));
            item->setText(QueryColumn, line.text);
            item->setData(QueryColumn, MarksRole, QVariant::fromValue(marks));
            item->setToolTip(QueryColumn, c.queryText->left(2000));
        }
    }
    const int rows = std::min(int(candidates.size()), m_visibleRows);
    if (rows > 0) {
        const int jobWidth = std::min(sizeHintForColumn(JobColumn),
                                      fontMetrics().horizontalAdvance(QString(JobColumnCharacters, u'0')));
        header()->resizeSection(JobColumn, std::max(jobWidth, header()->sectionSizeHint(JobColumn)));
        // Wide enough for every column but the query, and some of the query: the dialog grows.
        int width = header()->sectionSize(JobColumn) + fontMetrics().horizontalAdvance(QString(QueryColumnCharacters, u'x'));
        for (const int column : {ScoreColumn, ReasonColumn, StartedColumn, DurationColumn})
            width += std::max(sizeHintForColumn(column), header()->sectionSizeHint(column));
        if (int(candidates.size()) > m_visibleRows)
            width += style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this);
        setMinimumWidth(width + 2 * frameWidth());
        setFixedHeight(header()->sizeHint().height() + sizeHintForRow(0) * rows + 2 * frameWidth());
    }
    setVisible(rows > 0);
}

QStringList AfterSuggestionList::jobIds() const
{
    QStringList ids;
    for (int row = 0; row < topLevelItemCount(); ++row)
        ids << topLevelItem(row)->data(JobColumn, JobIdRole).toString();
    return ids;
}

QString AfterSuggestionList::rowText(int row) const
{
    const QTreeWidgetItem *item = topLevelItem(row);
    if (!item)
        return {};
    QStringList cells;
    for (int column = 0; column < ColumnCount; ++column)
        cells << item->text(column);
    return cells.join(QStringLiteral(" | "));
}

void AfterSuggestionList::showTaken(const QString &jobId)
{
    for (int row = 0; row < topLevelItemCount(); ++row) {
        if (topLevelItem(row)->data(JobColumn, JobIdRole).toString() == jobId) {
            setCurrentItem(topLevelItem(row));
            return;
        }
    }
    setCurrentIndex(QModelIndex());
    clearSelection();
}

void AfterSuggestionList::take(QTreeWidgetItem *item)
{
    if (!item)
        return;
    const QString jobId = item->data(JobColumn, JobIdRole).toString();
    m_field->setText(jobId);
    m_field->setFocus();
    emit chosen(jobId);
}

bool AfterSuggestionList::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_field && event->type() == QEvent::KeyPress && isVisible()) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Down) {
            setFocus();
            if (!currentItem())
                setCurrentItem(topLevelItem(0));
            return true;
        }
    }
    return QTreeWidget::eventFilter(watched, event);
}

void AfterSuggestionList::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        take(currentItem());
        event->accept();
        return; // the dialog's default button is not pressed
    case Qt::Key_Escape:
        m_field->setFocus();
        event->accept();
        return; // the dialog stays open
    case Qt::Key_Up:
        if (indexOfTopLevelItem(currentItem()) <= 0) {
            m_field->setFocus();
            event->accept();
            return;
        }
        break;
    default:
        break;
    }
    QTreeWidget::keyPressEvent(event);
}
