#include "postgresdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>
#include <QUrl>

PostgresDialog::PostgresDialog(QWidget *parent)
    : QDialog(parent), m_host(new QLineEdit(QStringLiteral("localhost"), this)), m_port(new QSpinBox(this)),
      m_database(new QLineEdit(QStringLiteral("optimeter"), this)), m_user(new QLineEdit(this)),
      m_password(new QLineEdit(this))
{
    setWindowTitle(tr("Connect to PostgreSQL"));
    m_port->setRange(1, 65535);
    m_port->setValue(5432);
    m_user->setText(qEnvironmentVariable("USER"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("not stored"));
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString PostgresDialog::location() const
{
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(m_host->text().trimmed());
    url.setPort(m_port->value());
    url.setUserName(m_user->text().trimmed());
    if (!m_password->text().isEmpty())
        url.setPassword(m_password->text());
    url.setPath(u'/' + m_database->text().trimmed());
    return url.toString();
}
