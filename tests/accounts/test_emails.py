from django.core import mail

from portal.accounts.emails import send_templated_email


def test_subjects_are_plain_text_not_html_escaped():
    send_templated_email(
        to="ines@exemple.fr",
        template="recruiters/emails/application_message",
        context={"subject": "Proposition d'entretien chez Dupont & Fils <Clermont>", "body": "Bonjour <b>Inès</b>,",
                 "company": None},
    )
    message = mail.outbox[0]
    assert message.subject == "Proposition d'entretien chez Dupont & Fils <Clermont>"
    html = message.alternatives[0][0]
    # The HTML part still escapes what people typed.
    assert "Bonjour &lt;b&gt;Inès&lt;/b&gt;," in html
