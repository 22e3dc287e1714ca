#pragma once

#include <QListWidget>

class QLineEdit;

// A short list of choices under a line edit, inside the dialog: completions of a typed job ID,
// recommendations that match a typed title. Unlike a QCompleter popup it never covers the
// field being typed, and the first click on the dialog's button is never swallowed by closing
// it. ↓ in the field moves into the list; Enter or a click takes the current choice (the
// field gets its value), Esc or ↑ from the top goes back to the field.
class ChoiceList : public QListWidget
{
    Q_OBJECT

public:
    struct Choice
    {
        QString text;    // what the list shows
        QString value;   // what taking it puts in the field
        QString toolTip;
    };

    ChoiceList(QLineEdit *field, int visibleRows, QWidget *parent = nullptr);

    // Replaces the choices; the list hides when there are none.
    void setChoices(const QList<Choice> &choices);
    QStringList values() const;

signals:
    // A choice was taken; the field holds its value already.
    void chosen(const QString &value);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void take(QListWidgetItem *item);

    QLineEdit *m_field;
    int m_visibleRows;
};
