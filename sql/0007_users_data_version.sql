-- 0007_users_data_version.sql - accounts move the data version on too.
--
-- Who a session belongs to (name, role, organisation, language, whether the
-- account is active) is read once per data version and cached by the
-- workers, so that the check every signed-in request makes touches only
-- the session's row. A change to an account must therefore move the
-- version on, or a deactivated user would keep their session.

CREATE TRIGGER users_dv_ins AFTER INSERT ON users FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER users_dv_upd AFTER UPDATE ON users FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER users_dv_del AFTER DELETE ON users FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;
