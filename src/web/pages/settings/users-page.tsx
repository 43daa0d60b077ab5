import { Empty } from 'antd';

export default function UsersPage() {
  return <Empty />;
}
