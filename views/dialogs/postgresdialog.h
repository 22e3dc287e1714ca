#pragma once

#include <QDialog>

class QLineEdit;
class QSpinBox;

// Connect to a shared PostgreSQL database. The password is used for this connection only
// and never stored (recent databases keep the location without it).
class PostgresDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PostgresDialog(QWidget *parent = nullptr);
    QString location() const; // postgresql://user:password@host:port/dbname, percent-encoded

private:
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_database;
    QLineEdit *m_user;
    QLineEdit *m_password;
};
