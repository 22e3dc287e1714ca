#include "choicelist.h"

#include <QKeyEvent>
#include <QLineEdit>

ChoiceList::ChoiceList(QLineEdit *field, int visibleRows, QWidget *parent)
    : QListWidget(parent), m_field(field), m_visibleRows(visibleRows)
{
    setSelectionMode(QAbstractItemView::SingleSelection);
    setUniformItemSizes(true);
    setTextElideMode(Qt::ElideMiddle);
    setFocusPolicy(Qt::ClickFocus); // Tab goes from the field to the buttons; ↓ comes here
    hide();
    m_field->installEventFilter(this);
    connect(this, &QListWidget::itemClicked, this, &ChoiceList::take);
    connect(this, &QListWidget::itemActivated, this, &ChoiceList::take);
}

void ChoiceList::setChoices(const QList<Choice> &choices)
{
    clear();
    for (const Choice &choice : choices) {
        auto *item = new QListWidgetItem(choice.text, this);
        item->setData(Qt::UserRole, choice.value);
        item->setToolTip(choice.toolTip.isEmpty() ? choice.text : choice.toolTip);
    }
    const int rows = std::min(int(choices.size()), m_visibleRows);
    setFixedHeight(rows > 0 ? sizeHintForRow(0) * rows + 2 * frameWidth() : 0);
    setVisible(!choices.isEmpty());
}

QStringList ChoiceList::values() const
{
    QStringList values;
    for (int row = 0; row < count(); ++row)
        values << item(row)->data(Qt::UserRole).toString();
    return values;
}

void ChoiceList::take(QListWidgetItem *item)
{
    if (!item)
        return;
    const QString value = item->data(Qt::UserRole).toString();
    m_field->setText(value);
    m_field->setFocus();
    emit chosen(value);
}

bool ChoiceList::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_field && event->type() == QEvent::KeyPress && isVisible()) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Down) {
            setFocus();
            setCurrentRow(std::max(0, currentRow()));
            return true;
        }
    }
    return QListWidget::eventFilter(watched, event);
}

void ChoiceList::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        take(currentItem());
        return; // the dialog's default button is not pressed
    case Qt::Key_Escape:
        m_field->setFocus();
        return; // the dialog stays open
    case Qt::Key_Up:
        if (currentRow() <= 0) {
            m_field->setFocus();
            return;
        }
        break;
    default:
        break;
    }
    QListWidget::keyPressEvent(event);
}
