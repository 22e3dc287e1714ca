#include "kpicard.h"

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

KpiCard::KpiCard(const QString &caption, QWidget *parent)
    : QFrame(parent), m_caption(new QLabel(caption, this)), m_value(new QLabel(this)), m_note(new QLabel(this)),
      m_breakdown(new QGridLayout)
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    QFont valueFont = m_value->font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * 1.7);
    valueFont.setBold(true);
    m_value->setFont(valueFont);
    m_caption->setForegroundRole(QPalette::PlaceholderText);
    // A long caption ("Hochgerechnet eingesparte Stunden / Monat") wraps rather than widen its
    // card and push the last card out of the window.
    m_caption->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(2);
    layout->addWidget(m_caption);
    layout->addWidget(m_value);
    layout->addWidget(m_note);
    m_breakdown->setContentsMargins(0, 2, 0, 0);
    m_breakdown->setVerticalSpacing(1);
    layout->addLayout(m_breakdown);
    layout->addStretch();
    // No fixed minimum width: the value (captions and notes wrap) sets it, so that a long
    // value such as "137,857 / 33,499 / 46,967" is never cut off.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
}

void KpiCard::setValue(const QString &value, const QString &note, State state)
{
    m_state = state;
    m_value->setText(value);
    m_note->setText(note);
    QPalette palette = m_value->palette();
    const QColor color = state == State::Good  ? QColor(0x2e, 0x7d, 0x32)
                         : state == State::Bad ? QColor(0xc6, 0x28, 0x28)
                                               : this->palette().color(QPalette::Text);
    palette.setColor(QPalette::WindowText, color);
    m_value->setPalette(palette);
    m_note->setPalette(palette);
    m_note->setForegroundRole(state == State::Neutral ? QPalette::PlaceholderText : QPalette::WindowText);
}

QString KpiCard::value() const
{
    return m_value->text();
}

QString KpiCard::note() const
{
    return m_note->text();
}

void KpiCard::setBreakdown(const QList<Part> &parts)
{
    m_parts = parts;
    while (m_partLabels.size() > parts.size())
        delete m_partLabels.takeLast();
    while (m_partLabels.size() < parts.size()) {
        auto *label = new QLabel(this);
        label->setTextFormat(Qt::RichText);
        m_breakdown->addWidget(label, int(m_partLabels.size()), 0);
        m_partLabels << label;
    }
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const Part &part = parts.at(i);
        // The marker in the part's colour; the words in the text's.
        m_partLabels[i]->setText(QStringLiteral("<span style=\"color:%1\">%2</span>&nbsp;%3")
                                     .arg(part.marker.name(), part.hollow ? QStringLiteral("○") : QStringLiteral("●"),
                                          part.text.toHtmlEscaped()));
        m_partLabels[i]->setToolTip(part.toolTip);
    }
}
